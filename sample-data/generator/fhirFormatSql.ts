import { coverageSpansSql } from './coverageSpansSql.js';
import { codeableSql, fhirJsonSql, referenceSql } from './fhirJson.js';
import { personEncountersSql } from './personEncounters.js';
import { ndcOf } from './syntheticNdc.js';

// The fhir writer: FHIR R4 bulk-data NDJSON as the caregap loader reads it (docs/formats-omop-fhir.md),
// one query per resource type, each selecting one column `line` of JSON. Ids: Patient.id is the
// person_id; an Encounter's id is `<person_id>-<encounter key>`, like a claim id.

const system = {
  icd10cm: `'http://hl7.org/fhir/sid/icd-10-cm'`,
  icd10pcs: `'http://www.cms.gov/Medicare/Coding/ICD10'`,
  cpt: `'http://www.ama-assn.org/go/cpt'`,
  hcpcs: `'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets'`,
  ndc: `'http://hl7.org/fhir/sid/ndc'`,
  snomed: `'http://snomed.info/sct'`,
  actCode: `'http://terminology.hl7.org/CodeSystem/v3-ActCode'`,
  ucum: `'http://unitsofmeasure.org'`,
};

const day = (expr: string): string => `strftime(${expr}, '%Y-%m-%d')`;
const patient = referenceSql('Patient', 'person_id');
const encounterRef = referenceSql('Encounter', 'visit_id');
/** NDCs as FHIR usually spells them: dashed 5-4-2. */
const dashedNdc = (ndc: string): string => `${ndc}[1:5] || '-' || ${ndc}[6:9] || '-' || ${ndc}[10:11]`;

/** Encounters that are visits (everything but pharmacy fills), with their Encounter id. */
const visits = `select person_id, person_id || '-' || x.k as visit_id, x
  from (${personEncountersSql('person_id, seed', ['prof', 'op', 'ip'])})
  where x.t in ('prof', 'op', 'ip')`;

/** Patient: gender, birthDate, deceasedDateTime (a date). */
export function fhirPatientQuery(): string {
  return `select ${fhirJsonSql(`{'resourceType': 'Patient', 'id': person_id,
    'gender': case sex when 'F' then 'female' when 'M' then 'male' else 'unknown' end,
    'birthDate': ${day('birth_date')}, 'deceasedDateTime': ${day('death_date')}}`)} as line
from person_plan`;
}

/** Coverage: one per enrollment span, the payer as payor[0].display; an open span has no period.end. */
export function fhirCoverageQuery(): string {
  return `select ${fhirJsonSql(`{'resourceType': 'Coverage', 'id': person_id || '-cov' || span_no, 'status': 'active',
    'beneficiary': ${patient}, 'period': {'start': ${day('span.s')}, 'end': ${day('span.e')}}, 'payor': [{'display': payer}]}`)} as line
from (${coverageSpansSql()})`;
}

/** Encounter: class IMP (stays), EMER (emergency) or AMB (office), period from the visit dates. */
export function fhirEncounterQuery(): string {
  const classCode = `case when x.t = 'ip' then 'IMP' when x.t = 'op' or x.pos = '23' then 'EMER' else 'AMB' end`;
  return `select ${fhirJsonSql(`{'resourceType': 'Encounter', 'id': visit_id, 'status': 'finished',
    'class': {'system': ${system.actCode}, 'code': ${classCode}}, 'subject': ${patient},
    'period': {'start': ${day('x.d')}, 'end': ${day('coalesce(x.e, x.d)')}}}`)} as line
from (${visits})`;
}

/** Condition: one per diagnosis, ICD-10-CM (dotted), confirmed, onset the visit date. */
export function fhirConditionQuery(): string {
  const verification = codeableSql(`'http://terminology.hl7.org/CodeSystem/condition-ver-status'`, `'confirmed'`);
  return `select ${fhirJsonSql(`{'resourceType': 'Condition', 'id': visit_id || '-d' || dx.n, 'verificationStatus': ${verification},
    'code': ${codeableSql(system.icd10cm, 'dx.c')}, 'subject': ${patient}, 'encounter': ${encounterRef},
    'onsetDateTime': ${day('x.d')}}`)} as line
from (select person_id, visit_id, x, unnest(list_transform(x.dx, (c, n) -> {c: c, n: n})) as dx from (${visits}))`;
}

/** Procedure: one per CPT line and per ICD-10-PCS procedure (dated its procedure date). HCPCS drug lines are MedicationAdministrations. */
export function fhirProcedureQuery(): string {
  const procedures = `list_concat(
      list_transform(list_filter(x.ln, l -> l.cs = 'CPT'), l -> {s: ${system.cpt}, c: l.c, d: x.d}),
      case when x.pcs is not null then [{s: ${system.icd10pcs}, c: x.pcs, d: x.pd}] else [] end)`;
  return `select ${fhirJsonSql(`{'resourceType': 'Procedure', 'id': visit_id || '-p' || pr.n, 'status': 'completed',
    'code': ${codeableSql('pr.p.s', 'pr.p.c')}, 'subject': ${patient}, 'encounter': ${encounterRef},
    'performedDateTime': ${day('pr.p.d')}}`)} as line
from (select person_id, visit_id, unnest(list_transform(${procedures}, (p, n) -> {p: p, n: n})) as pr from (${visits}))`;
}

/**
 * MedicationAdministration: one per HCPCS drug line (J-codes) with its route and, for the 1 mg
 * J-codes, the dose in mg. FHIR carries the product, not billed units, so J0897 x 120 (the 120 mg
 * oncology denosumab) is written with that product's code (a synthetic NDC in no value set); every
 * other line keeps its HCPCS code.
 */
export function fhirMedicationAdministrationQuery(): string {
  const isOncology = `(m.l.c = 'J0897' and m.l.u = 120)`;
  const medication = `case when ${isOncology} then ${codeableSql(system.ndc, `'${ndcOf('denosumab120').replace(/^(\d{5})(\d{4})(\d{2})$/, '$1-$2-$3')}'`)}
    else ${codeableSql(system.hcpcs, 'm.l.c')} end`;
  const route = `case x.rt when 'SC' then {'coding': [{'system': ${system.snomed}, 'code': '34206005', 'display': 'Subcutaneous route'}], 'text': 'SC'}
    when 'IV' then {'coding': [{'system': ${system.snomed}, 'code': '47625008', 'display': 'Intravenous route'}], 'text': 'IV'} end`;
  const dose = `case when m.l.c in ('J0897', 'J3489', 'J1740') and m.l.u is not null then {'value': m.l.u, 'unit': 'mg', 'system': ${system.ucum}, 'code': 'mg'} end`;
  return `select ${fhirJsonSql(`{'resourceType': 'MedicationAdministration', 'id': visit_id || '-m' || m.n, 'status': 'completed',
    'medicationCodeableConcept': ${medication}, 'subject': ${patient}, 'context': ${encounterRef},
    'effectiveDateTime': ${day('x.d')}, 'dosage': {'route': ${route}, 'dose': ${dose}}}`)} as line
from (select person_id, visit_id, x, unnest(list_transform(list_filter(x.ln, l -> l.cs = 'HCPCS'), (l, n) -> {l: l, n: n})) as m from (${visits}))`;
}

/** MedicationDispense: one per pharmacy fill, NDC (dashed), quantity, daysSupply in days, oral route. */
export function fhirMedicationDispenseQuery(): string {
  const oral = `{'coding': [{'system': ${system.snomed}, 'code': '26643006', 'display': 'Oral route'}], 'text': 'oral'}`;
  return `select ${fhirJsonSql(`{'resourceType': 'MedicationDispense', 'id': person_id || '-' || x.k, 'status': 'completed',
    'medicationCodeableConcept': ${codeableSql(system.ndc, dashedNdc('x.ndc'))}, 'subject': ${patient},
    'quantity': {'value': x.q}, 'daysSupply': case when x.ds is not null then {'value': x.ds, 'unit': 'days', 'system': ${system.ucum}, 'code': 'd'} end,
    'whenHandedOver': ${day('x.d')}, 'dosageInstruction': [{'route': ${oral}}]}`)} as line
from (${personEncountersSql('person_id, seed', ['rx'])})
where x.t = 'rx'`;
}
