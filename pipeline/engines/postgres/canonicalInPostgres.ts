import { eligibilityValidation, medicalClaimValidation, pharmacyClaimValidation } from '../../loaders/claimsFormat.js';
import { coverageValidation, eventsValidation, patientsValidation } from '../../loaders/eventsFormat.js';
import { personIdSql } from '../../loaders/sourceSpec.js';
import type { Validation } from '../../loaders/validate.js';
import type { PgDb } from './pgDb.js';
import { stageChecksInPostgres } from './stageChecks.js';

/** What loading one input table did: rows read (all), rejected (by the checks). */
export interface TableLoad {
  rowsRead: number;
  rowsRejected: number;
}

const slots = Array.from({ length: 25 }, (_, i) => i + 1);
const eventColumns =
  'person_id, event_date, end_date, domain, code_system, code, setting, stay_id, days_supply, quantity, units, daily_dose, dose_unit, route, source_file, source_line';

/** Validates `raw_<role>` into `stage_<role>`, copies its rejects into load_reject; returns the counts. */
async function stageAndReject(db: PgDb, role: string, validation: Validation): Promise<TableLoad> {
  const stage = `stage_${role}`;
  await stageChecksInPostgres(db, `raw_${role}`, stage, validation);
  await db.run(
    `insert into load_reject
     select $file::text, __line, __reject_column, __reject_value, __reject_reason from ${stage}_reject`,
    { file: role },
  );
  const counts = await db.one<{ read: string; rejected: string }>(
    `select (select count(*) from raw_${role}) as read, (select count(*) from ${stage}_reject) as rejected`,
  );
  return { rowsRead: Number(counts?.read ?? 0), rowsRejected: Number(counts?.rejected ?? 0) };
}

/**
 * The claims loaders of pipeline/loaders/claimsFormat.ts, in PostgreSQL: the same checks (the
 * exported Validation data) and the same canonical rows. The 25 diagnosis and procedure slots are
 * unpivoted with a lateral VALUES list. `present` tells which input tables exist (pharmacy_claim is
 * optional). Returns each table's counts, in load order.
 */
export async function loadClaimsInPostgres(db: PgDb, present: Set<string>): Promise<Map<string, TableLoad>> {
  const loads = new Map<string, TableLoad>();
  await db.run(`
    create unlogged table eligibility_span (
        person_id text, start_date date, end_date date, sex text, birth_date date, death_date date, payer text,
        __line bigint
    )`);

  loads.set('eligibility', await stageAndReject(db, 'eligibility', eligibilityValidation));
  await db.run(`
    insert into coverage
    select ${personIdSql}, cg_date(enrollment_start_date), cg_date(enrollment_end_date), nullif(trim(payer), '')
    from stage_eligibility where __reject_reason is null`);
  await db.run(`
    insert into eligibility_span
    select ${personIdSql}, cg_date(enrollment_start_date), cg_date(enrollment_end_date), cg_sex(gender),
           cg_date(birth_date), cg_date(death_date), nullif(trim(payer), ''), __line
    from stage_eligibility where __reject_reason is null`);

  loads.set('medical_claim', await stageAndReject(db, 'medical_claim', medicalClaimValidation));
  await db.run(`create unlogged table stage_medical_claim_ok as select * from stage_medical_claim where __reject_reason is null`);
  const setting = `case when __is_stay then 'inpatient' else __setting end`;
  const stayId = `case when __is_stay then 'claim:' || claim_id end`;
  await db.run(`
    insert into inpatient_stay
    select min(__person), 'claim:' || claim_id,
           min(coalesce(cg_date(admission_date), cg_date(claim_start_date))),
           max(coalesce(cg_date(discharge_date), cg_date(claim_end_date)))
    from stage_medical_claim_ok where __is_stay group by claim_id`);
  // Diagnoses: every filled diagnosis column, dated by the line, else the claim.
  await db.run(
    `insert into clinical_event (${eventColumns})
     select __person, __line_date, null::date, 'diagnosis', __dx_system, cg_code(slot.code), ${setting}, ${stayId},
            null::integer, null::double precision, null::double precision, null::double precision, null::text, null::text,
            $file::text, __line
     from stage_medical_claim_ok
     cross join lateral (values ${slots.map((n) => `(diagnosis_code_${n})`).join(', ')}) as slot(code)
     where cg_has_code(slot.code)`,
    { file: 'medical_claim' },
  );
  // ICD procedures: dated procedure_date_N, else admission, else claim start.
  await db.run(
    `insert into clinical_event (${eventColumns})
     select __person,
            coalesce(cg_date(slot.procedure_date), cg_date(admission_date), cg_date(claim_start_date)),
            null::date, 'procedure', __px_system, cg_code(slot.code), ${setting}, ${stayId},
            null::integer, null::double precision, null::double precision, null::double precision, null::text, null::text,
            $file::text, __line
     from stage_medical_claim_ok
     cross join lateral (values ${slots.map((n) => `(procedure_code_${n}, procedure_date_${n})`).join(', ')}) as slot(code, procedure_date)
     where coalesce(${slots.map((n) => `procedure_code_${n}`).join(', ')}) is not null and cg_has_code(slot.code)`,
    { file: 'medical_claim' },
  );
  // HCPCS/CPT line, with its billed units (J0897 units decide the denosumab product).
  await db.run(
    `insert into clinical_event (${eventColumns})
     select __person, __line_date, null::date, 'procedure', __hcpcs_system, cg_code(hcpcs_code), ${setting}, ${stayId},
            null::integer, null::double precision, cg_num(service_unit_quantity), null::double precision, null::text, null::text,
            $file::text, __line
     from stage_medical_claim_ok where __hcpcs_system is not null`,
    { file: 'medical_claim' },
  );

  if (present.has('pharmacy_claim')) {
    loads.set('pharmacy_claim', await stageAndReject(db, 'pharmacy_claim', pharmacyClaimValidation));
    await db.run(
      `insert into clinical_event (${eventColumns})
       select ${personIdSql}, cg_date(dispensing_date), null::date, 'drug', 'NDC', cg_ndc(ndc_code), 'pharmacy', null::text,
              cast(cg_num(days_supply) as integer), cg_num(quantity), null::double precision, null::double precision,
              null::text, null::text, $file::text, __line
       from stage_pharmacy_claim where __reject_reason is null`,
      { file: 'pharmacy_claim' },
    );
  }

  // Person attributes: each from the latest enrollment span that has it (by start date, then end
  // date, an open end latest), as DuckDB's arg_max, which skips null values (claimsFormat.ts).
  const latest = (column: string): string =>
    `(array_agg(${column} order by start_date desc, coalesce(end_date, date '9999-12-31') desc, __line)
        filter (where ${column} is not null))[1]`;
  await db.run(`
    insert into person
    select person_id, ${latest('birth_date')}, ${latest('sex')}, ${latest('death_date')}, null, ${latest('payer')}
    from eligibility_span
    group by person_id`);
  return loads;
}

/**
 * The events loaders of pipeline/loaders/eventsFormat.ts, in PostgreSQL (same checks, same rows).
 * An events-format stay's id is `events:<row>` (the file loader's is `<file name>:<line>`).
 */
export async function loadEventsInPostgres(db: PgDb, present: Set<string>): Promise<Map<string, TableLoad>> {
  const loads = new Map<string, TableLoad>();
  if (present.has('patients')) {
    loads.set('patients', await stageAndReject(db, 'patients', patientsValidation));
    await db.run(`
      insert into person
      select ${personIdSql}, cg_date(birth_date), cg_sex(sex), cg_date(death_date),
             nullif(trim(site), ''), nullif(trim(payer), '')
      from stage_patients where __reject_reason is null`);
  }
  loads.set('events', await stageAndReject(db, 'events', eventsValidation));
  // Inpatient stays are events with code CAREGAP inpatient_stay (docs/contracts.md).
  await db.run(
    `insert into inpatient_stay
     select ${personIdSql}, $file::text || ':' || __line, cg_date(event_date), cg_date(end_date)
     from stage_events
     where __reject_reason is null and __system = 'CAREGAP' and cg_code(code) = 'INPATIENT_STAY'`,
    { file: 'events' },
  );
  await db.run(
    `insert into clinical_event (${eventColumns})
     select ${personIdSql}, cg_date(event_date), cg_date(end_date),
            cg_domain_of(__system, code_system), __system,
            case when __system = 'NDC' then cg_ndc(code) else cg_code(code) end,
            nullif(lower(trim(setting)), ''), null::text,
            cast(cg_num(days_supply) as integer), cg_num(quantity), cg_num(units), cg_num(daily_dose),
            nullif(trim(dose_unit), ''), nullif(upper(trim(route)), ''),
            $file::text, __line
     from stage_events
     where __reject_reason is null
       and not (__system = 'CAREGAP' and cg_code(code) = 'INPATIENT_STAY')`,
    { file: 'events' },
  );
  if (present.has('coverage')) {
    loads.set('coverage', await stageAndReject(db, 'coverage', coverageValidation));
    await db.run(`
      insert into coverage
      select ${personIdSql}, cg_date(start_date), cg_date(end_date), nullif(trim(payer), '')
      from stage_coverage where __reject_reason is null`);
  }
  return loads;
}
