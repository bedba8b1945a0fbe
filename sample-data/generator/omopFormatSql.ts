import { coverageSpansSql } from './coverageSpansSql.js';
import { personEncountersSql } from './personEncounters.js';

// The omop writer: OMOP CDM v5.4 tables as the caregap loader reads them (docs/formats-omop-fhir.md).
// Codes travel as source values with source concept 0 (no vocabulary is shipped), so the loader
// takes their system from their shape. Ids are text: person_id is the same `P0000000` as in the
// other formats (the CDM declares an integer; caregap reads ids as text), and an encounter's
// visit_occurrence_id is `<person_id>-<encounter key>`, like a claim id.

/** DATE values: COPY writes them as YYYY-MM-DD (ISO). */
const date = (expr: string): string => `(${expr})::date`;

/** Type concept 32817 (EHR) for clinical rows; 32869 (pharmacy claim) for fills. */
const ehr = 32817;

/** Encounters that are visits (everything but pharmacy fills), with their visit id. */
const visits = `select person_id, person_id || '-' || x.k as visit_id, x
  from (${personEncountersSql('person_id, seed', ['prof', 'op', 'ip'])})
  where x.t in ('prof', 'op', 'ip')`;

/** The query behind person.csv: birth as parts and datetime, gender concept 8532 / 8507 (0 when unknown). */
export function omopPersonQuery(): string {
  return `select
  person_id,
  case sex when 'F' then 8532 when 'M' then 8507 else 0 end as gender_concept_id,
  year(birth_date) as year_of_birth,
  month(birth_date) as month_of_birth,
  day(birth_date) as day_of_birth,
  strftime(birth_date, '%Y-%m-%d 00:00:00') as birth_datetime,
  0 as race_concept_id,
  0 as ethnicity_concept_id,
  person_id as person_source_value,
  sex as gender_source_value
from person_plan`;
}

/** The query behind observation_period.csv: one row per enrollment span; an open end becomes as_of (the CDM requires an end). */
export function omopObservationPeriodQuery(): string {
  return `select
  person_id || '-op' || span_no as observation_period_id,
  person_id,
  ${date('span.s')} as observation_period_start_date,
  ${date('coalesce(span.e, as_of)')} as observation_period_end_date,
  32817 as period_type_concept_id
from (${coverageSpansSql()})`;
}

/** The query behind visit_occurrence.csv: 9201 inpatient stays, 9203 emergency visits, 9202 office visits. */
export function omopVisitOccurrenceQuery(): string {
  return `select
  visit_id as visit_occurrence_id,
  person_id,
  case when x.t = 'ip' then 9201 when x.t = 'op' or x.pos = '23' then 9203 else 9202 end as visit_concept_id,
  ${date('x.d')} as visit_start_date,
  ${date('coalesce(x.e, x.d)')} as visit_end_date,
  ${ehr} as visit_type_concept_id
from (${visits})`;
}

/** The query behind condition_occurrence.csv: one row per diagnosis, ICD-10-CM (dotted) as source value. */
export function omopConditionOccurrenceQuery(): string {
  return `select
  visit_id || '-d' || dx.n as condition_occurrence_id,
  person_id,
  0 as condition_concept_id,
  ${date('x.d')} as condition_start_date,
  ${ehr} as condition_type_concept_id,
  visit_id as visit_occurrence_id,
  dx.c as condition_source_value,
  0 as condition_source_concept_id
from (select person_id, visit_id, x, unnest(list_transform(x.dx, (c, n) -> {c: c, n: n})) as dx from (${visits}))`;
}

/**
 * The query behind procedure_occurrence.csv: one row per billed CPT / HCPCS line (HCPCS units as
 * quantity, which the loader reads as units) and per ICD-10-PCS procedure (dated its procedure date).
 */
export function omopProcedureOccurrenceQuery(): string {
  const procedures = `list_concat(
      list_transform(x.ln, l -> {c: l.c, d: x.d, u: l.u}),
      case when x.pcs is not null then [{c: x.pcs, d: x.pd, u: null::double}] else [] end)`;
  return `select
  visit_id || '-p' || pr.n as procedure_occurrence_id,
  person_id,
  0 as procedure_concept_id,
  ${date('pr.p.d')} as procedure_date,
  ${ehr} as procedure_type_concept_id,
  pr.p.u as quantity,
  visit_id as visit_occurrence_id,
  pr.p.c as procedure_source_value,
  0 as procedure_source_concept_id
from (select person_id, visit_id, unnest(list_transform(${procedures}, (p, n) -> {p: p, n: n})) as pr from (${visits}))`;
}

/** The query behind drug_exposure.csv: one row per pharmacy fill, the 11-digit NDC as source value. */
export function omopDrugExposureQuery(): string {
  return `select
  person_id || '-' || x.k as drug_exposure_id,
  person_id,
  0 as drug_concept_id,
  ${date('x.d')} as drug_exposure_start_date,
  ${date('x.d + coalesce(x.ds, 1) - 1')} as drug_exposure_end_date,
  32869 as drug_type_concept_id,
  x.q as quantity,
  x.ds as days_supply,
  x.rt as route_source_value,
  x.ndc as drug_source_value,
  0 as drug_source_concept_id
from (${personEncountersSql('person_id, seed', ['rx'])})
where x.t = 'rx'`;
}

/** The query behind death.csv: one row per person who died. */
export function omopDeathQuery(): string {
  return `select person_id, ${date('death_date')} as death_date, ${ehr} as death_type_concept_id
from person_plan
where death_date is not null`;
}
