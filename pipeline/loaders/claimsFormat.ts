import type { Db } from '../db.js';
import { diagnosisColumns, medicalLineTable, pharmacyLineTable, procedureColumns, writeMedicalEvents, writePharmacyEvents } from './claimsEvents.js';
import type { SourceSpec } from './sourceSpec.js';
import { personCheck, personIdSql } from './sourceSpec.js';
import { dateCheck, numberCheck, openEndDateCheck, orderCheck, rejectFromStage, required, stageWithChecks, type Validation } from './validate.js';

// docs/contracts.md, format `claims`: the Tuva Project input layer (CCLF-style claims).

const slots = Array.from({ length: 25 }, (_, i) => i + 1);
const procedureDateColumns = slots.map((n) => `procedure_date_${n}`);

/** Code system of a claim's ICD columns; blank type: ICD-10 from 2015-10-01, the US switch-over. */
function icdSystemSql(typeColumn: string, icd10: string, icd9: string): string {
  // The Tuva spellings first: one text comparison for most rows instead of a regex replace.
  return `case
      when ${typeColumn} = 'icd-10-cm' or ${typeColumn} = 'icd-10-pcs' then '${icd10}'
      when ${typeColumn} = 'icd-9-cm' or ${typeColumn} = 'icd-9-pcs' then '${icd9}'
      when cg_blank(${typeColumn}) then case when cg_date(claim_start_date) >= date '2015-10-01' then '${icd10}' else '${icd9}' end
      when regexp_replace(lower(trim(${typeColumn})), '[\\s._\\-]', '', 'g') in ('icd10cm', 'icd10pcs', 'icd10', '0') then '${icd10}'
      when regexp_replace(lower(trim(${typeColumn})), '[\\s._\\-]', '', 'g') in ('icd9cm', 'icd9pcs', 'icd9', '9') then '${icd9}'
    end`;
}

/** How medical claim lines are validated (shared by every engine's loader). */
export const medicalClaimValidation: Validation = {
  duplicates: { keys: 'claim_id, claim_line_number' },
  derived: [
    `${icdSystemSql('diagnosis_code_type', 'ICD10CM', 'ICD9CM')} as __dx_system`,
    `${icdSystemSql('procedure_code_type', 'ICD10PCS', 'ICD9CM')} as __px_system`,
    `cg_hcpcs_system(cg_code(hcpcs_code)) as __hcpcs_system`,
    `${personIdSql} as __person`,
    `coalesce(cg_date(claim_line_start_date), cg_date(claim_start_date)) as __line_date`,
    // An inpatient stay: institutional claim with bill type 11x, or no bill type and an admission date.
    // A case: an `and` in a select list has both sides evaluated on every line (DuckDB), and most
    // lines are professional. The exact spellings first: lower(trim()) of every value of a CSV file
    // cost 0.24 s of CPU at 200k persons, an equality 0.015 s.
    `case when (case claim_type when 'professional' then false when 'institutional' then true
                else lower(trim(claim_type)) = 'institutional' end)
         then coalesce(ltrim(trim(bill_type_code), '0') like '11%'
                       or (cg_blank(bill_type_code) and not cg_blank(admission_date)), false)
         else false end as __is_stay`,
    `case when trim(place_of_service_code) = '23' then 'emergency' else 'outpatient' end as __setting`,
  ],
  checks: [
    personCheck,
    required('claim_id', 'missing claim id'),
    dateCheck('claim_start_date', true),
    dateCheck('claim_end_date'),
    orderCheck('claim_end_date', 'claim_start_date'),
    dateCheck('claim_line_start_date'),
    dateCheck('admission_date'),
    dateCheck('discharge_date'),
    orderCheck('discharge_date', 'admission_date'),
    ...procedureDateColumns.map((column) => dateCheck(column)),
    { column: 'diagnosis_code_type', value: 'diagnosis_code_type', problem: `case when __dx_system is null then 'unknown code system' end` },
    { column: 'procedure_code_type', value: 'procedure_code_type', problem: `case when __px_system is null then 'unknown code system' end` },
    {
      column: 'hcpcs_code',
      value: 'hcpcs_code',
      problem: `case when not cg_blank(hcpcs_code) and __hcpcs_system is null then 'unknown code system' end`,
    },
    numberCheck('service_unit_quantity', 'units', 100000),
    { column: 'claim_line_number', value: 'claim_line_number', problem: `case when __is_duplicate then 'duplicate claim line' end` },
  ],
};

const medicalClaim: SourceSpec = {
  role: 'medical_claim',
  stems: ['medical_claim'],
  mandatory: true,
  requiredColumns: ['claim_id', ['person_id', 'patient_id'], 'claim_start_date'],
  columns: [
    'claim_id', 'claim_line_number', 'claim_type', 'person_id', 'patient_id', 'claim_start_date',
    'claim_end_date', 'claim_line_start_date', 'admission_date', 'discharge_date', 'bill_type_code',
    'place_of_service_code', 'hcpcs_code', 'service_unit_quantity', 'diagnosis_code_type',
    ...diagnosisColumns, 'procedure_code_type', ...procedureColumns, ...procedureDateColumns, 'payer',
  ],
  async load(db, raw, file, stage, context) {
    const line = medicalLineTable(context.index, context.relevant, { dictionaryText: file.kind === 'parquet' });
    await stageWithChecks(db, {
      source: raw.view,
      stage,
      ...medicalClaimValidation,
      lineTable: line.lineTable,
      stageView: context.eventView,
    });
    // The good rows, for the view of every event (the stage is not materialised).
    if (context.eventView) await db.run(`create view ${stage}_ok as select * from ${stage} where __reject_reason is null`);
    await writeMedicalEvents(db, { index: context.index, stage, fileName: file.name, eventView: context.eventView }, context.relevant);
    return { rejected: await rejectFromStage(db, stage, file.name) };
  },
};

/** How pharmacy claim lines are validated (shared by every engine's loader). */
export const pharmacyClaimValidation: Validation = {
  duplicates: { keys: 'claim_id, claim_line_number', where: 'claim_id is not null' },
  checks: [
    personCheck,
    dateCheck('dispensing_date', true),
    required('ndc_code', 'missing code'),
    numberCheck('quantity', 'quantity', 100000),
    numberCheck('days_supply', 'days supply', 730),
    { column: 'claim_id', value: 'claim_id', problem: `case when __is_duplicate then 'duplicate claim line' end` },
  ],
};

const pharmacyClaim: SourceSpec = {
  role: 'pharmacy_claim',
  stems: ['pharmacy_claim'],
  mandatory: false,
  requiredColumns: [['person_id', 'patient_id'], 'dispensing_date', 'ndc_code'],
  columns: ['claim_id', 'claim_line_number', 'person_id', 'patient_id', 'dispensing_date', 'ndc_code', 'quantity', 'days_supply'],
  async load(db, raw, file, stage, context) {
    await stageWithChecks(db, {
      source: raw.view,
      stage,
      ...pharmacyClaimValidation,
      lineTable: pharmacyLineTable(context.index, context.relevant, personIdSql),
      stageView: context.eventView,
    });
    await writePharmacyEvents(db, { index: context.index, stage, fileName: file.name, personSql: personIdSql, eventView: context.eventView });
    return { rejected: await rejectFromStage(db, stage, file.name) };
  },
};

/** How eligibility rows are validated (shared by every engine's loader). */
export const eligibilityValidation: Validation = {
  checks: [
    personCheck,
    dateCheck('enrollment_start_date', true),
    openEndDateCheck('enrollment_end_date'),
    orderCheck('enrollment_end_date', 'enrollment_start_date'),
    dateCheck('birth_date'),
    // A far-future death date (9999-12-31) is a placeholder for "alive": read as no death.
    openEndDateCheck('death_date'),
    { column: 'gender', value: 'gender', problem: `case when cg_sex(gender) is null then 'unknown sex value' end` },
  ],
};

const eligibility: SourceSpec = {
  role: 'eligibility',
  stems: ['eligibility'],
  mandatory: true,
  requiredColumns: [['person_id', 'patient_id'], 'enrollment_start_date'],
  columns: ['person_id', 'patient_id', 'gender', 'birth_date', 'death_date', 'enrollment_start_date', 'enrollment_end_date', 'payer'],
  async load(db, raw, file, stage, context) {
    // One pass: the checks and every span's values, into a per-line table both inserts read.
    const lines = `eligibility_line_${context.index}`;
    await stageWithChecks(db, {
      source: raw.view,
      stage,
      ...eligibilityValidation,
      lineTable: {
        name: lines,
        columns: [
          `${personIdSql} as person_id`,
          'cg_date(enrollment_start_date) as start_date',
          'cg_date(enrollment_end_date) as end_date',
          'cg_sex(gender) as sex',
          'cg_date(birth_date) as birth_date',
          'cg_date(death_date) as death_date',
          `nullif(trim(payer), '') as payer`,
        ],
        keep: 'true',
      },
    });
    await db.run(`
      insert into coverage
      select person_id, start_date, end_date, payer from ${lines} where reject_check is null`);
    // The line table stays until the persons are built from it (buildPersonsFromEligibility).
    return { rejected: await rejectFromStage(db, stage, file.name) };
  },
};

/** The claims format's sources, in load order. */
export const claimsFormat: SourceSpec[] = [eligibility, medicalClaim, pharmacyClaim];

/**
 * Person attributes come from each person's latest enrollment span (by start date, then end date,
 * an open end counting as latest): docs/contracts.md, eligibility.
 */
export async function buildPersonsFromEligibility(db: Db, eligibilityIndexes: number[]): Promise<void> {
  // The good lines of every eligibility file, read from the line tables their loads left.
  const spans = eligibilityIndexes.length === 0
    ? 'select cast(null as varchar) as person_id, cast(null as date) as start_date, cast(null as date) as end_date, cast(null as varchar) as sex, cast(null as date) as birth_date, cast(null as date) as death_date, cast(null as varchar) as payer where false'
    : eligibilityIndexes
        .map((index) => `select person_id, start_date, end_date, sex, birth_date, death_date, payer from eligibility_line_${index} where reject_check is null`)
        .join('\nunion all\n');
  // The (start, end) order as one integer, half the cost of a struct key: days since 1900 (a loaded
  // start is never earlier, nor null) times a factor above any end's days (9999-12-31 is 2.96M), plus the end's.
  await db.run(`
    insert into person
    select person_id,
           arg_max(birth_date, sort_key), arg_max(sex, sort_key), arg_max(death_date, sort_key),
           null, arg_max(payer, sort_key)
    from (
        select *,
               (start_date - date '1900-01-01')::bigint * 4000000
               + (coalesce(end_date, date '9999-12-31') - date '1900-01-01') as sort_key
        from (${spans})
    )
    group by person_id`);
  for (const index of eligibilityIndexes) await db.run(`drop table eligibility_line_${index}`);
}
