import { cpt, each, encounter, lit, when, type Template } from './encounter.js';
import { u } from './random.js';
import { backgroundNdcKeys, ndcOf } from './syntheticNdc.js';

/**
 * Diagnoses of everyday care. None is in any rule value set (no M80/M81/M84.5/M48.5/S22.0/S32.0,
 * no C79.5/C90.0, no Z88.5/Z88.6/N18.4-6/K25-K28), so background noise can never change a status.
 */
export const noiseDiagnoses = [
  'I10', 'E11.9', 'E78.5', 'J44.9', 'M54.50', 'M17.11', 'R53.83', 'Z00.00', 'K21.9', 'N39.0', 'F32.9', 'G47.00', 'H52.4', 'I48.91', 'E03.9',
] as const;

const sqlList = (values: readonly string[]): string => `[${values.map(lit).join(', ')}]`;
const element = (list: string, length: number, draw: string): string => `${list}[1 + floor(${draw} * ${length})::integer]`;
const dateIn = (draw: string): string => `bg_start + floor(${draw} * (data_end - bg_start + 1))::integer`;

/** Visits, fills and (for persons without a fracture) stays that carry no rule-relevant code. */
function backgroundLists(): Template[] {
  const noise = sqlList(noiseDiagnoses);
  const drugs = sqlList(backgroundNdcKeys.map(ndcOf));
  const visit = encounter({
    key: `'v' || j`,
    kind: 'prof',
    date: dateIn(u('i, j', 'bvd')),
    pos: lit('11'),
    linesExpr: `case when ${u('i, j', 'bvl')} < 0.25 then [{cs: 'CPT', c: '99214', u: null::double}, {cs: 'CPT', c: '80053', u: null::double}]
      else [{cs: 'CPT', c: '99213', u: null::double}] end`,
  }).replace(
    'dx: []::varchar[]',
    `dx: ([${element(noise, noiseDiagnoses.length, u('i, j', 'bn1'))}, ${element(noise, noiseDiagnoses.length, u('i, j', 'bn2'))}, ${element(noise, noiseDiagnoses.length, u('i, j', 'bn3'))}])[1:1 + floor(${u('i, j', 'bnk')} * 3)::integer]::varchar[]`,
  );
  const fill = encounter({
    key: `'f' || j`,
    kind: 'rx',
    date: dateIn(u('i, j', 'bfd')),
    ndc: element(drugs, backgroundNdcKeys.length, u('i, j', 'bfn')),
    qty: '30',
    ds: '30',
    route: lit('oral'),
  });
  const stayDate = dateIn(u('i', 'bsd'));
  return [
    each('n_vis > 0', `list_transform(range(n_vis), j -> ${visit})`),
    each('n_fill > 0', `list_transform(range(n_fill), j -> ${fill})`),
    when(
      'has_bg_stay',
      encounter({
        key: lit('bs'),
        kind: 'ip',
        date: stayDate,
        end: `least(${stayDate} + 3 + floor(${u('i', 'bsl')} * 5)::integer, data_end)`,
        dx: [`case when bg_stay_pneumonia then 'J18.9' else 'I50.9' end`, lit('I10')],
      }),
    ),
    // Persons without a fracture: a calcium or vitamin D fill (in no rule's reach without an episode).
    when(
      'bg_supplement is not null',
      encounter({
        key: lit('bsup'),
        kind: 'rx',
        date: dateIn(u('i', 'bsupd')),
        ndc: `case bg_supplement when 'calcium600' then ${lit(ndcOf('calcium600'))} when 'vitd1000' then ${lit(ndcOf('vitd1000'))} else ${lit(ndcOf('calcium_d'))} end`,
        qty: '60',
        ds: '30',
        route: lit('oral'),
      }),
    ),
    // The anchor: one event on as_of itself, so that the pipeline's default as_of is the generator's.
    when('i = 0', encounter({ key: lit('anchor'), kind: 'prof', date: 'as_of', pos: lit('11'), dx: [lit('Z00.00')], lines: [cpt('99213')] })),
  ];
}

/** Persons without a fracture episode who carry codes that must not start one. */
function trapLists(): Template[] {
  const t = 'i1';
  const trap = (kind: string): string => `has_trap and trap_cat = '${kind}'`;
  const office = (key: string, date: string, dx: string): string =>
    encounter({ key: lit(key), kind: 'prof', date, pos: lit('11'), dx: [dx], lines: [cpt('99213')] });
  return [
    // 7th character D or S never starts an episode.
    when(trap('subsequent'), office('t1', t, `case when ${u('i', 'tsc')} < 0.4 then 'M80.08XD' when ${u('i', 'tsc')} < 0.7 then 'S32.010D' else 'M80.08XS' end`)),
    when(trap('subsequent'), office('t2', `${t} + 30`, lit('M80.08XD'))),
    // A thoracic fracture code without any osteoporosis diagnosis.
    when(trap('other_no_osteo'), encounter({ key: lit('t1'), kind: 'op', date: t, dx: [lit('S22.060A')], lines: [cpt('99284')] })),
    // A lumbar fracture code with osteoporosis diagnosed 366 days before and 91 days after: outside [-365, +90].
    when(trap('other_osteo_outside'), office('t1', t, lit('S32.010A'))),
    when(trap('other_osteo_outside'), office('t2', `${t} - 366`, lit('M81.0'))),
    when(trap('other_osteo_outside'), office('t3', `${t} + 91`, lit('M81.0'))),
    // Osteoporosis treated, no fracture.
    when(trap('therapy_no_fx'), office('t1', t, lit('M81.0'))),
    each(trap('therapy_no_fx'), `list_transform(range(3), j -> ${encounter({
      key: `'t' || (j + 2)`,
      kind: 'rx',
      date: `${t} + 28 * j::integer`,
      ndc: lit(ndcOf('alendronate')),
      qty: '4',
      ds: '28',
      route: lit('oral'),
    })})`),
  ];
}

/** Background and trap encounter templates. */
export function backgroundEncounters(): Template[] {
  return [...backgroundLists(), ...trapLists()];
}
