import { cpt, each, encounter, lit, when, type Template } from './encounter.js';
import { ndcOf } from './syntheticNdc.js';

const ndc = (key: string): string => lit(ndcOf(key));

/** The same fracture code with 7th character D (subsequent encounter): never starts an episode. */
const subsequent = (code: string): string => `left(${code}, length(${code}) - 1) || 'D'`;

/** One supplement component's planted fills (calcium or vitamin D), by variant. */
function supplementEncounters(p: string, c: 'ca' | 'vd'): Template[] {
  const on = `${p}on`;
  const v = `${p}${c}v`;
  const date = `${p}idx + ${p}${c}o`;
  const date2 = `${p}idx + ${p}${c}o2`;
  const regCode = c === 'ca' ? lit('calcium_supplement') : lit('vitamin_d_supplement');
  const unit = c === 'ca' ? lit('mg') : lit('IU');
  const okNdc = c === 'ca' ? ndc('calcium600') : `(case when ${p}${c}o % 3 = 0 then ${ndc('ergo50000')} else ${ndc('vitd1000')} end)`;
  const okQty = c === 'ca' ? '60' : `(case when ${p}${c}o % 3 = 0 then 4 else 30 end)`;
  const okDs = c === 'ca' ? '30' : `(case when ${p}${c}o % 3 = 0 then 28 else 30 end)`;
  const lowNdc = c === 'ca' ? ndc('calcium500') : ndc('vitd400');
  // Daily doses: ok 1200 mg / 1000 or 7142 IU; exact 1000 mg / 800 IU; low 500 mg / 400 IU (per event).
  const rxNdc = `case ${v}
      when 'exact' then ${c === 'ca' ? ndc('calcium500') : ndc('vitd400')}
      when 'low_plus_ok' then ${lowNdc} when 'ndc_low' then ${lowNdc} when 'low_twice' then ${lowNdc}
      when 'calcitriol' then ${ndc('calcitriol')}
      when 'combo' then ${ndc('calcium_d')}
      else ${okNdc} end`;
  const rxQty = `case ${v}
      when 'exact' then 60 when 'low_plus_ok' then 30 when 'ndc_low' then 30 when 'low_twice' then 30 when 'calcitriol' then 30
      when 'combo' then (case when ${p}ca = 'ok' then 60 else 30 end)
      when 'no_ds' then 30 else ${okQty} end`;
  const rxDs = `case ${v} when 'no_ds' then null when 'exact' then 30 when 'combo' then 30 when 'low_plus_ok' then 30
      when 'ndc_low' then 30 when 'low_twice' then 30 when 'calcitriol' then 30 else ${okDs} end`;
  const rxVariants = `('ndc', 'exact', 'no_ds', 'low_plus_ok', 'ndc_low', 'low_twice', 'outside_before', 'outside_after', 'calcitriol'${c === 'ca' ? ", 'combo'" : ''})`;
  const fill = (key: string, d: string, n: string, q: string, ds: string): string =>
    encounter({ key: lit(key), kind: 'rx', date: d, ndc: n, qty: q, ds, route: lit('oral') });
  return [
    when(`${on} and ${v} in ${rxVariants}`, fill(`${p}${c}1`, date, rxNdc, rxQty, rxDs)),
    when(`${on} and ${v} = 'low_twice'`, fill(`${p}${c}1b`, date, lowNdc, '30', '30')),
    when(`${on} and ${v} = 'low_plus_ok'`, fill(`${p}${c}2`, date2, c === 'ca' ? ndc('calcium600') : ndc('vitd1000'), c === 'ca' ? '60' : '30', '30')),
    when(
      `${on} and ${v} like 'registry%'`,
      encounter({
        key: lit(`${p}${c}r`),
        kind: 'reg',
        date,
        reg: regCode,
        dose: `case ${v} when 'registry' then ${c === 'ca' ? 1200 : 1000} when 'registry_low' then ${c === 'ca' ? 600 : 400} end`,
        doseUnit: `case when ${v} <> 'registry_unknown' then ${unit} end`,
      }),
    ),
  ];
}

/**
 * Therapy: the rule A event of categories that start no course (before the index date, on day 366,
 * the oncology product), the fill before a course (new_user edges) and every fill of a planned course
 * (courseFillPlan.ts); for a fill active at the fracture, the course is its refills.
 */
function therapyEncounters(p: string): Template[] {
  const on = `${p}on and ${p}a <> 'none'`;
  const date = `${p}idx + ${p}a_off`;
  const oralNdc = (drug: string): string =>
    `case ${drug} when 'alendronate' then ${ndc('alendronate')} when 'risedronate' then ${ndc('risedronate')} when 'raloxifene' then ${ndc('raloxifene')} else ${ndc('denosumab60')} end`;
  const hcpcs = (drug: string): string => `case ${drug} when 'denosumab' then 'J0897' when 'zoledronic' then 'J3489' else 'J1740' end`;
  const courseStart = `${p}a in ('started', 'day365', 'unknown_units')`;
  // Fills numbered in plan order (keys stay unique), then split by how they are billed.
  const numbered = `list_transform(${p}cfills, (f, i) -> {f: f, i: i})`;
  const rxFills = `list_transform(list_filter(${numbered}, z -> z.f.k <> 'inj'), z -> ${encounter({
    key: `'${p}c' || z.i`,
    kind: 'rx',
    date: `${p}cs0 + z.f.o`,
    ndc: oralNdc('z.f.drug'),
    qty: 'z.f.q',
    ds: 'z.f.ds',
    route: `case when z.f.k = 'oral' then 'oral' else 'SC' end`,
  })})`;
  const injections = `list_transform(list_filter(${numbered}, z -> z.f.k = 'inj'), z -> ${encounter({
    key: `'${p}c' || z.i`,
    kind: 'prof',
    date: `${p}cs0 + z.f.o`,
    pos: `case when z.f.drug = 'denosumab' then '11' else '19' end`,
    dx: [lit('M81.0')],
    linesExpr: `[{cs: 'HCPCS', c: ${hcpcs('z.f.drug')}, u: z.f.un}]`,
    route: `case when z.f.drug = 'denosumab' then 'SC' else 'IV' end`,
  })})`;
  const hasCourse = `${p}on and ${p}cs0 is not null`;
  return [
    when(`${on} and not ${courseStart} and ${p}a_oral`, encounter({ key: lit(`${p}a0`), kind: 'rx', date, ndc: oralNdc(`${p}a_drug`), qty: `${p}a_qty`, ds: `${p}a_ds`, route: lit('oral') })),
    when(
      `${on} and not ${courseStart} and not ${p}a_oral`,
      encounter({
        key: lit(`${p}a0`),
        kind: 'prof',
        date,
        pos: `case when ${p}a_drug = 'denosumab' then '11' else '19' end`,
        dx: [lit('M81.0')],
        lines: [{ cs: lit('HCPCS'), code: hcpcs(`${p}a_drug`), units: `${p}a_units` }],
        route: `case when ${p}a_drug = 'denosumab' then 'SC' else 'IV' end`,
      }),
    ),
    each(hasCourse, rxFills),
    each(hasCourse, injections),
    when(
      `${p}on and ${p}cpri <> 'none'`,
      encounter({ key: lit(`${p}ap`), kind: 'rx', date: `${p}cs0 - case when ${p}cpri = 'p365' then 365 else 366 end`, ndc: ndc('alendronate'), qty: '4', ds: '28', route: lit('oral') }),
    ),
    when(
      `${hasCourse} and ${p}cst_on`,
      encounter({ key: lit(`${p}cst`), kind: 'ip', date: `${p}cst_s`, end: `${p}cst_e`, dx: [lit('J18.9'), lit('I10')] }),
    ),
  ];
}

/** Augmentation, its exceptions and the near misses of rule C. */
function augmentationEncounters(p: string): Template[] {
  const idx = `${p}idx`;
  const on = `${p}on`;
  const pcsCode = `case when ${p}fx like 'S22%' or ${p}fx = 'M48.54XA' then '0PU43JZ' else '0QU03JZ' end`;
  const lines = `list_filter([{cs: 'CPT', c: ${p}aug_code, u: null::double}, {cs: 'CPT', c: ${p}aug_extra, u: null::double}], x -> x.c is not null)`;
    return [
    when(
      `${on} and ${p}c <> 'none' and not ${p}stay_pcs`,
      encounter({
        key: lit(`${p}g1`),
        kind: 'prof',
        date: `${idx} + ${p}aug_off`,
        pos: `case when ${p}c = 'after' then '24' else '22' end`,
        dx: [`case when ${p}aug_off <= 365 then ${p}fx else ${subsequent(`${p}fx`)} end`],
        linesExpr: lines,
      }),
    ),
    when(`${on} and ${p}aug2_off is not null`, encounter({ key: lit(`${p}g2`), kind: 'prof', date: `${idx} + ${p}aug2_off`, pos: lit('22'), dx: [`${p}fx`], lines: [{ cs: lit('CPT'), code: `${p}aug_code` }] })),
    when(
      `${on} and ${p}exc_h and ${p}stay_off <> 0`,
      encounter({
        key: lit(`${p}hs`),
        kind: 'ip',
        date: `${idx} + ${p}stay_off`,
        end: `${p}hs_end`,
        dx: [`case when ${p}stay_off < 0 then ${subsequent(`${p}fx`)} else ${p}fx end`, lit('R52')],
        pcs: `case when ${p}stay_pcs then ${pcsCode} end`,
        pcsDate: `case when ${p}stay_pcs then ${idx} + ${p}aug_off end`,
      }),
    ),
    when(
      `${on} and ${p}exc_o`,
      encounter({ key: lit(`${p}op`), kind: 'op', date: `${idx} + ${p}op_off`, dx: [lit('R52')], lines: [cpt('99284'), { cs: lit('HCPCS'), code: `${p}op_code`, units: '1' }], route: lit('IV') }),
    ),
    when(`${on} and ${p}exc_c`, encounter({ key: lit(`${p}ct`), kind: 'prof', date: `${idx} + ${p}ct_off`, pos: lit('11'), dx: [`${p}ct_code`, lit('I10')], lines: [cpt('99213')] })),
    when(`${on} and ${p}nm_stay8`, encounter({ key: lit(`${p}n8`), kind: 'ip', date: `${idx} - 8`, end: `${idx} - 5`, dx: [subsequent(`${p}fx`), lit('R52')] })),
    when(
      `${on} and ${p}nm_op`,
      encounter({ key: lit(`${p}no`), kind: 'op', date: `${idx} - 1`, dx: [lit('R52')], lines: [cpt('99284'), { cs: lit('HCPCS'), code: lit('J2270'), units: '1' }], route: lit('IV') }),
    ),
    when(`${on} and ${p}nm_ct`, encounter({ key: lit(`${p}nc`), kind: 'prof', date: `${idx} - 366`, pos: lit('11'), dx: [`${p}ct_code`], lines: [cpt('99213')] })),
    when(
      `${on} and ${p}nm_stay_nofx`,
      encounter({ key: lit(`${p}nn`), kind: 'ip', date: `${idx} + ${p}nm_nofx_off`, end: `${p}nn_end`, dx: [lit('J18.9')] }),
    ),
  ];
}

/** Every encounter planted for episode `n` (empty when the person has fewer episodes). */
export function episodeEncounterLists(n: number): Template[] {
  const p = `e${n}_`;
  const idx = `${p}idx`;
  const on = `${p}on`;
  const pcsCode = `case when ${p}fx like 'S22%' or ${p}fx = 'M48.54XA' then '0PU43JZ' else '0QU03JZ' end`;
  const repeat = (j: number): Template =>
    when(`${on} and ${p}nrep >= ${j}`, encounter({ key: lit(`${p}r${j}`), kind: 'prof', date: `${idx} + ${p}r${j}`, pos: lit('11'), dx: [`${p}rep_code`], lines: [cpt('99213')] }));
  return [
    when(`${on} and ${p}setting = 'prof'`, encounter({ key: lit(`${p}ix`), kind: 'prof', date: idx, pos: lit('11'), dx: [`${p}fx`, lit('M54.50')], lines: [cpt('99214')] })),
    when(`${on} and ${p}setting = 'op'`, encounter({ key: lit(`${p}ix`), kind: 'op', date: idx, dx: [`${p}fx`, lit('W19.XXXA')], lines: [cpt('99284')] })),
    when(
      `${on} and ${p}setting = 'ip'`,
      encounter({
        key: lit(`${p}ix`),
        kind: 'ip',
        date: idx,
        end: `${p}ix_end`,
        dx: [`${p}fx`, lit('R52')],
        pcs: `case when ${p}stay_pcs and ${p}stay_off = 0 then ${pcsCode} end`,
        pcsDate: `case when ${p}stay_pcs and ${p}stay_off = 0 then ${idx} + ${p}aug_off end`,
      }),
    ),
    when(`${on} and ${p}dup`, encounter({ key: lit(`${p}dp`), kind: 'prof', date: idx, pos: lit('23'), dx: [`${p}fx`], lines: [cpt('99284')] })),
    when(`${on} and ${p}other`, encounter({ key: lit(`${p}os`), kind: 'prof', date: `${idx} + ${p}osteo_off`, pos: lit('11'), dx: [`${p}osteo_code`], lines: [cpt('99213')] })),
    repeat(1),
    repeat(2),
    repeat(3),
    when(`${on} and ${p}fu_off is not null`, encounter({ key: lit(`${p}fu`), kind: 'prof', date: `${idx} + ${p}fu_off`, pos: lit('11'), dx: [subsequent(`${p}fx`)], lines: [cpt('99213')] })),
    when(`${on} and ${p}mri_off is not null`, encounter({ key: lit(`${p}mr`), kind: 'prof', date: `${idx} + ${p}mri_off`, pos: lit('22'), dx: [lit('M54.50')], lines: [cpt('72148')] })),
    when(`${on} and ${p}dxa_off is not null`, encounter({ key: lit(`${p}dx`), kind: 'prof', date: `${idx} + ${p}dxa_off`, pos: lit('22'), dx: [lit('Z13.820')], lines: [cpt('77080')] })),
    ...therapyEncounters(p),
    ...supplementEncounters(p, 'ca'),
    ...supplementEncounters(p, 'vd'),
    ...augmentationEncounters(p),
    when(`${on} and ${p}m <> 'none'`, encounter({ key: lit(`${p}mg`), kind: 'prof', date: `${idx} + ${p}m_off`, pos: lit('11'), dx: [`${p}m_code`], lines: [cpt('99214')] })),
  ];
}

/** The encounter templates of both episodes. */
export function episodeEncounters(): Template[] {
  return [...episodeEncounterLists(1), ...episodeEncounterLists(2)];
}
