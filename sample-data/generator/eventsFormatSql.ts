import { personEncountersSql, rowDraw } from './personEncounters.js';
import { coverageSpansSql } from './coverageSpansSql.js';

/** DATE values: COPY writes them as YYYY-MM-DD (ISO) without formatting work. */
const date = (expr: string): string => `(${expr})::date`;

/** ICD-10-CM codes: 60% keep their dots, the rest are written without (normalisation must join them). */
const icdSpelling = (code: string): string =>
  `case when ${rowDraw(`person_id, x.k, ${code}`, 'dot', 60)} then ${code} else replace(${code}, '.', '') end`;

/** NDCs: 11 digits, or dashed 5-4-2, or dashed 5-3-2 (the loader pads the product segment). */
const ndcSpelling = (code: string): string => `case
    when ${rowDraw(`person_id, x.k`, 'ndc', 30)} then ${code}[1:5] || '-' || ${code}[6:9] || '-' || ${code}[10:11]
    when ${rowDraw(`person_id, x.k`, 'ndc3', 15)} and ${code}[6:6] = '0' then ${code}[1:5] || '-' || ${code}[7:9] || '-' || ${code}[10:11]
    else ${code} end`;

const settingOf = `case x.t when 'ip' then 'inpatient' when 'op' then 'emergency' when 'rx' then 'pharmacy' when 'reg' then 'registry'
    else (case when x.pos = '23' then 'emergency' else 'outpatient' end) end`;

const itemType = 'struct(cs varchar, c varchar, d date, e date, ds integer, q double, un double, dd double, du varchar, rt varchar)';

/** One events.csv row per stay, diagnosis, billed line, ICD procedure, fill and registry note of an encounter. */
const items = `flatten([
    case when x.t = 'ip' then [{cs: 'CAREGAP', c: 'inpatient_stay', d: x.d, e: x.e, ds: null, q: null, un: null, dd: null, du: null, rt: null}] else [] end,
    list_transform(x.dx, c -> {cs: 'ICD10CM', c: c, d: x.d, e: null, ds: null, q: null, un: null, dd: null, du: null, rt: null}),
    list_transform(x.ln, l -> {cs: l.cs, c: l.c, d: x.d, e: null, ds: null, q: null, un: l.u, dd: null, du: null, rt: case when l.cs = 'HCPCS' then x.rt end}),
    case when x.pcs is not null then [{cs: 'ICD10PCS', c: x.pcs, d: x.pd, e: null, ds: null, q: null, un: null, dd: null, du: null, rt: null}] else [] end,
    case when x.t = 'rx' then [{cs: 'NDC', c: x.ndc, d: x.d, e: null, ds: x.ds, q: x.q, un: null, dd: null, du: null, rt: x.rt}] else [] end,
    case when x.t = 'reg' then [{cs: 'CAREGAP', c: x.rc, d: x.d, e: null, ds: null, q: null, un: null, dd: x.dd, du: x.du, rt: null}] else [] end
  ]::${itemType}[][])`;

/** The query behind events.csv. */
export function eventsQuery(): string {
  return `with enc as (${personEncountersSql('person_id, seed')}),
item as (select person_id, seed, x, ${settingOf} as setting, unnest(${items}) as it from enc)
select
  person_id,
  ${date('it.d')} as event_date,
  it.cs as code_system,
  case it.cs when 'ICD10CM' then ${icdSpelling('it.c')} when 'NDC' then ${ndcSpelling('it.c')} else it.c end as code,
  ${date('it.e')} as end_date,
  case when it.cs = 'ICD10PCS' then 'inpatient' else setting end as setting,
  it.ds as days_supply,
  it.q as quantity,
  it.un as units,
  it.dd as daily_dose,
  it.du as dose_unit,
  it.rt as route
from item`;
}

/** The query behind patients.csv: one row per person, sex spelled as a letter or (20%) a word. */
export function patientsQuery(): string {
  return `select
  person_id,
  ${date('birth_date')} as birth_date,
  case when sex_words then (case sex when 'F' then 'female' when 'M' then 'male' else 'unknown' end) else sex end as sex,
  ${date('death_date')} as death_date,
  site,
  payer
from person_plan`;
}

/** The query behind coverage.csv: enrollment spans of persons who have any (registry persons have none). */
export function coverageQuery(): string {
  return `select person_id, ${date('span.s')} as start_date, ${date('span.e')} as end_date, payer
from (${coverageSpansSql()})`;
}
