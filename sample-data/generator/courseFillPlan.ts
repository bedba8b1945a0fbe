import { below, pick } from './random.js';

/** The uniform draws the therapy-course plan of an episode uses (keyed like every episode draw). */
export const courseSalts = ['cf', 'cn1', 'ck0', 'ce', 'cg', 'cgl', 'cn2', 'cy', 'cyt', 'cyn', 'cst', 'csto', 'cstl', 'cpri', 'crx'];

/** The struct of one planned therapy fill of a course: offset from the start, ingredient, cover, chain phase, how it is billed. */
export const courseFillType =
  'struct(o integer, ing varchar, drug varchar, c integer, ph integer, k varchar, ds integer, q double, un double)';

/** Value-set ingredient of a planted drug key (rules/valuesets/osteoporosis_therapy.csv, valuesets/synthetic_ndc.csv). */
const ingredientOf = (drug: string): string => `case ${drug} when 'zoledronic' then 'zoledronic acid' else ${drug} end`;
/** Days one fill covers (docs/rules.md §4): days supply of oral drugs, the long-acting cover days otherwise. */
const coverOf = (drug: string, oralDays: string): string =>
  `case ${drug} when 'denosumab' then 183 when 'zoledronic' then 365 when 'ibandronate' then 90 else ${oralDays} end`;

/**
 * One fill struct. Phase 1 and 2 are the first ingredient's chain (2 = after a planned gap), phase 3
 * the ingredient switched to. Oral drugs are pharmacy fills; denosumab is a J0897 line of 60 units or
 * (`rxinj`) a pharmacy fill with days supply 1, which covers 183 days all the same (§4 v2); zoledronic
 * acid and ibandronate are J3489 / J1740 lines.
 */
function fill(offset: string, drug: string, phase: number, oralDays: string, oralQty: string, rx: string, units: string): string {
  return `{o: (${offset})::integer, ing: ${ingredientOf(drug)}, drug: ${drug}, c: (${coverOf(drug, oralDays)})::integer, ph: ${phase},
    k: case when ${drug} in ('alendronate', 'risedronate', 'raloxifene') then 'oral' when ${drug} = 'denosumab' and ${rx} then 'rxinj' else 'inj' end,
    ds: case when ${drug} in ('alendronate', 'risedronate', 'raloxifene') then ${oralDays} when ${drug} = 'denosumab' and ${rx} then 1 end,
    q: case when ${drug} in ('alendronate', 'risedronate', 'raloxifene') then ${oralQty} when ${drug} = 'denosumab' and ${rx} then 1 end,
    un: case ${drug} when 'denosumab' then (case when ${rx} then null else ${units} end) when 'zoledronic' then 5 when 'ibandronate' then 3 end}::${courseFillType}`;
}

/**
 * The planted therapy course of episode `n` (docs/rules.md §8), as plan columns. A course starts at
 * `cs0` (the first countable therapy event on or after the index date: the rule A start event, or the
 * first refill after a fill active at the fracture) and its fills, `cfills`, follow one family:
 * `single`; `regular` (on-time refills); `early` (one refill early, its carry-over kept by every later
 * fill); `gap` (on-time refills, a planned gap of 1-59, 60, 61 or 62-150 days, more refills);
 * `switch` (a second ingredient started while the last fill of the first still runs); `stack` (two
 * fills of one ingredient on the start day). Optional extras: an inpatient stay 99-298 days after the
 * start (never touching the rule-planted stays, which end by day 97 after the index date), and, for
 * first episodes, an earlier fill 365 or 366 days before the start (new_user false / true).
 * Every fill lies within 364 days of the start; a first episode's fills never cover the second
 * episode's index date, and a second episode plants no therapy before its index date that could fall
 * into the first episode's course (see `preIndexConflict`).
 */
export function courseFillColumns(n: number): string {
  const p = `e${n}_`;
  const d = (salt: string): string => `${p}u_${salt}`;
  const x = `${p}a_drug`;
  const oralDays = `coalesce(${p}a_ds, 28)`;
  const oralQty = `coalesce(${p}a_qty, 4)`;
  const rx = `(${p}a = 'started' and ${d('crx')} < 0.35)`;
  const xUnits = `case when ${p}a = 'unknown_units' then null else 60 end`;
  const y = `${p}cy_drug`;
  const tailFilter = n === 1 ? ` and (n_ep < 2 or ${p}cs0 + f.o + f.c - 1 < i2)` : '';
  return `
  case
    when ${p}a in ('started', 'day365', 'unknown_units') then ${p}idx + ${p}a_off
    when ${p}a = 'active' and ${p}a_oral and ${p}a_nref >= 1 then ${p}idx + ${p}a_off + 28
  end as ${p}cs0,
  (${p}on and ${p}cs0 is not null and ${p}cs0 <= data_end) as ${p}con,
  ${coverOf(x, oralDays)} as ${p}cd,
  case when ${p}a_oral then ${pick(d('cf'), [['single', 0.2], ['regular', 0.3], ['early', 0.14], ['gap', 0.18], ['switch', 0.12], ['stack', 1]])}
    else ${pick(d('cf'), [['single', 0.35], ['regular', 0.25], ['early', 0.1], ['gap', 0.2], ['switch', 1]])} end as ${p}cf,
  case
    when ${p}cf = 'single' then 1
    when ${p}cd >= 365 then 1
    when ${p}cd >= 183 then 1 + ${below(d('cn1'), 2)}
    when ${p}cd >= 90 then 1 + ${below(d('cn1'), 4)}
    else 1 + ${below(d('cn1'), 13)}
  end as ${p}cn1,
  case when ${p}cf = 'early' and ${p}cn1 >= 2 then 1 + ${below(d('ck0'), `${p}cn1 - 1`)} end as ${p}ck0,
  1 + ${below(d('ce'), `least(${p}cd - 1, 20)`)} as ${p}cearly,
  case ${pick(d('cg'), [['short', 0.4], ['g60', 0.15], ['g61', 0.15], ['long', 1]])}
    when 'short' then 1 + ${below(d('cgl'), 59)} when 'g60' then 60 when 'g61' then 61 else 62 + ${below(d('cgl'), 89)} end as ${p}cg,
  case when ${p}cd < 90 then 1 + ${below(d('cn2'), 6)} else 1 end as ${p}cn2,
  case
    when not ${p}a_oral then 'alendronate'
    when ${d('cy')} < 0.5 then 'denosumab'
    when ${x} = 'alendronate' then 'risedronate'
    else 'alendronate'
  end as ${p}cy_drug,
  (${p}cn1 - 1) * ${p}cd + 1 + ${below(d('cyt'), `${p}cd - 1`)} as ${p}cyt,
  case when ${y} = 'denosumab' then 1 else 1 + ${below(d('cyn'), 6)} end as ${p}cyn,
  case when ${p}cs0 is not null then list_filter(list_concat(
    list_transform(range(${p}cn1), k -> ${fill(`k * ${p}cd - case when ${p}ck0 is not null and k >= ${p}ck0 then ${p}cearly else 0 end`, x, 1, oralDays, oralQty, rx, xUnits)}),
    case when ${p}cf = 'stack' then [${fill('0', x, 1, oralDays, oralQty, rx, xUnits)}] else [] end,
    case when ${p}cf = 'gap' then list_transform(range(${p}cn2), j -> ${fill(`${p}cn1 * ${p}cd + ${p}cg + j * ${p}cd`, x, 2, oralDays, oralQty, rx, xUnits)}) else [] end,
    case when ${p}cf = 'switch' then list_transform(range(${p}cyn), j -> ${fill(`${p}cyt + j * ${coverOf(y, '28')}`, y, 3, '28', '4', 'false', '60')}) else [] end
  ), f -> f.o <= 364${tailFilter}) end as ${p}cfills,
  ${n === 1 ? `case when ${p}a = 'started' and ${p}a_off <= 337 then ${pick(d('cpri'), [['p365', 0.06], ['p366', 0.06], ['none', 1]])} else 'none' end` : `'none'`} as ${p}cpri,
  ${d('cst')} < 0.15 as ${p}cst_on,
  ${p}cs0 + 99 + ${below(d('csto'), 200)} as ${p}cst_s,
  least(${p}cst_s + ${below(d('cstl'), 30)}, data_end) as ${p}cst_e`;
}

/**
 * True for a second episode whose pre-index therapy (as early as day -300) could fall into the first
 * episode's course window (start to start + 364): such therapy is not planted (the first episode's
 * course would count it).
 */
export function preIndexConflict(n: number): string {
  return n === 2 ? `(e1_cs0 is not null and e1_on and i2 - 300 <= e1_cs0 + 364)` : 'false';
}
