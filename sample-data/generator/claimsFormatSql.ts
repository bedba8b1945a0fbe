import { coverageSpansSql } from './coverageSpansSql.js';
import { personEncountersSql, rowDraw } from './personEncounters.js';

/** DATE values: COPY writes them as YYYY-MM-DD (ISO) without formatting work. */
const date = (expr: string): string => `(${expr})::date`;
const range25 = Array.from({ length: 25 }, (_, k) => k + 1);

/** Claims codes come without dots (Tuva style); 15% of claims keep them. */
const diagnosisList = `case when ${rowDraw('person_id, x.k', 'cdot', 15)} then x.dx else list_transform(x.dx, c -> replace(c, '.', '')) end`;

/** The query behind medical_claim.csv: one row per claim line of professional, ED and inpatient claims. */
export function medicalClaimQuery(): string {
  const blankLine = `{cs: null::varchar, c: null::varchar, u: null::double}`;
  const lines = `case when x.t = 'ip' then list_prepend(${blankLine}, x.ln) else x.ln end`;
  const diagnoses = range25.map((k) => `dxs[${k}] as diagnosis_code_${k}`).join(',\n  ');
  const procedures = range25.map((k) => (k === 1 ? 'x.pcs as procedure_code_1' : `null::varchar as procedure_code_${k}`)).join(',\n  ');
  // ICD procedure date: procedure_date_N, else admission_date; blank it sometimes when they agree.
  const procedureDates = range25
    .map((k) =>
      k === 1
        ? `case when x.pcs is null or (x.pd = x.d and ${rowDraw('person_id, x.k', 'pdb', 50)}) then null else ${date('x.pd')} end as procedure_date_1`
        : `null::varchar as procedure_date_${k}`,
    )
    .join(',\n  ');
  const claims = `select person_id, seed, payer, x, ${diagnosisList} as dxs, ${lines} as lines
    from (${personEncountersSql('person_id, seed, payer', ['prof', 'op', 'ip'])})
    where x.t in ('prof', 'op', 'ip')`;
  const claimLines = `select person_id, seed, payer, x, dxs, unnest(range(1, len(lines) + 1)) as line_no, unnest(lines) as l from (${claims})`;
  return `select
  person_id || '-' || x.k as claim_id,
  line_no as claim_line_number,
  case when x.t = 'prof' then 'professional' else 'institutional' end as claim_type,
  person_id,
  ${date('x.d')} as claim_start_date,
  ${date('coalesce(x.e, x.d)')} as claim_end_date,
  case when x.t = 'prof' and ${rowDraw('person_id, x.k, line_no', 'cls', 15)} then null else ${date('x.d')} end as claim_line_start_date,
  case when x.t = 'ip' then ${date('x.d')} end as admission_date,
  case when x.t = 'ip' then ${date('x.e')} end as discharge_date,
  case x.t when 'ip' then '111' when 'op' then '131' end as bill_type_code,
  case when x.t = 'prof' then x.pos end as place_of_service_code,
  l.c as hcpcs_code,
  case when l.cs = 'CPT' then 1 else l.u end as service_unit_quantity,
  'icd-10-cm' as diagnosis_code_type,
  ${diagnoses},
  case when x.pcs is not null then 'icd-10-pcs' end as procedure_code_type,
  ${procedures},
  ${procedureDates},
  payer
from (${claimLines})`;
}

/** The query behind pharmacy_claim.csv: one row per fill; NDCs as 11 digits, 10% dashed 5-4-2. */
export function pharmacyClaimQuery(): string {
  return `with enc as (${personEncountersSql('person_id, seed', ['rx'])})
select
  person_id || '-' || x.k as claim_id,
  1 as claim_line_number,
  person_id,
  ${date('x.d')} as dispensing_date,
  case when ${rowDraw('person_id, x.k', 'cndc', 10)} then x.ndc[1:5] || '-' || x.ndc[6:9] || '-' || x.ndc[10:11] else x.ndc end as ndc_code,
  x.q as quantity,
  x.ds as days_supply
from enc
where x.t = 'rx'`;
}

/** The query behind eligibility.csv: one row per enrollment span with the person's attributes. */
export function eligibilityQuery(): string {
  return `select
  person_id,
  gender_word as gender,
  ${date('birth_date')} as birth_date,
  ${date('death_date')} as death_date,
  ${date('span.s')} as enrollment_start_date,
  ${date('span.e')} as enrollment_end_date,
  payer
from (${coverageSpansSql()})`;
}
