import type { Db } from '../db.js';
import type { SourceSpec } from './sourceSpec.js';
import { personCheck, personIdSql } from './sourceSpec.js';
import { dateCheck, numberCheck, openEndDateCheck, orderCheck, rejectFromStage, required, stageWithChecks, type Validation } from './validate.js';

// docs/contracts.md, format `events`: the project's own interchange format.

/** How patients rows are validated (shared by every engine's loader). */
export const patientsValidation: Validation = {
  derived: [`row_number() over (partition by ${personIdSql} order by __line) as __copy`],
  checks: [
    personCheck,
    dateCheck('birth_date'),
    // A far-future death date (9999-12-31) is a placeholder for "alive": read as no death.
    openEndDateCheck('death_date'),
    { column: 'sex', value: 'sex', problem: `case when cg_sex(sex) is null then 'unknown sex value' end` },
    { column: 'death_date', value: 'death_date', problem: `case when cg_date(death_date) < cg_date(birth_date) then 'death before birth' end` },
    { column: 'person_id', value: personIdSql, problem: `case when __copy > 1 then 'duplicate person' end` },
  ],
};

const patients: SourceSpec = {
  role: 'patients',
  stems: ['patients', 'patient'],
  mandatory: false,
  requiredColumns: [['person_id', 'patient_id']],
  columns: ['person_id', 'patient_id', 'birth_date', 'sex', 'death_date', 'site', 'payer'],
  async load(db, raw, file, stage) {
    await stageWithChecks(db, {
      source: raw.view,
      stage,
      ...patientsValidation,
    });
    await db.run(`
      insert into person
      select ${personIdSql}, cg_date(birth_date), cg_sex(sex), cg_date(death_date),
             nullif(trim(site), ''), nullif(trim(payer), '')
      from ${stage} where __reject_reason is null`);
    return { rejected: await rejectFromStage(db, stage, file.name) };
  },
};

/** How events rows are validated (shared by every engine's loader). */
export const eventsValidation: Validation = {
  derived: ['cg_code_system(code_system) as __system'],
  checks: [
    personCheck,
    dateCheck('event_date', true),
    { column: 'code_system', value: 'code_system', problem: `case when __system is null then 'unknown code system' end` },
    required('code', 'missing code'),
    dateCheck('end_date'),
    orderCheck('end_date', 'event_date'),
    numberCheck('days_supply', 'days supply', 730),
    numberCheck('quantity', 'quantity', 100000),
    numberCheck('units', 'units', 100000),
    numberCheck('daily_dose', 'daily dose', 10000000),
  ],
};

const events: SourceSpec = {
  role: 'events',
  stems: ['events', 'event'],
  mandatory: true,
  requiredColumns: [['person_id', 'patient_id'], 'event_date', 'code_system', 'code'],
  columns: [
    'person_id', 'patient_id', 'event_date', 'end_date', 'code_system', 'code', 'setting',
    'days_supply', 'quantity', 'units', 'daily_dose', 'dose_unit', 'route',
  ],
  async load(db, raw, file, stage) {
    await stageWithChecks(db, {
      source: raw.view,
      stage,
      ...eventsValidation,
    });
    const fileName = file.name;
    // Inpatient stays are events with code CAREGAP inpatient_stay (docs/contracts.md).
    await db.run(
      `insert into inpatient_stay
       select ${personIdSql}, $file || ':' || __line, cg_date(event_date), cg_date(end_date)
       from ${stage}
       where __reject_reason is null and __system = 'CAREGAP' and cg_code(code) = 'INPATIENT_STAY'`,
      { file: fileName },
    );
    await db.run(
      `insert into clinical_event
       select ${personIdSql}, cg_date(event_date), cg_date(end_date),
              cg_domain_of(__system, code_system), __system,
              case when __system = 'NDC' then cg_ndc(code) else cg_code(code) end,
              nullif(lower(trim(setting)), ''), null,
              cast(cg_num(days_supply) as integer), cg_num(quantity), cg_num(units), cg_num(daily_dose),
              nullif(trim(dose_unit), ''), nullif(upper(trim(route)), ''),
              $file, __line
       from ${stage}
       where __reject_reason is null
         and not (__system = 'CAREGAP' and cg_code(code) = 'INPATIENT_STAY')`,
      { file: fileName },
    );
    return { rejected: await rejectFromStage(db, stage, fileName) };
  },
};

/** How coverage rows are validated (shared by every engine's loader). */
export const coverageValidation: Validation = {
  checks: [personCheck, dateCheck('start_date', true), openEndDateCheck('end_date'), orderCheck('end_date', 'start_date')],
};

const coverage: SourceSpec = {
  role: 'coverage',
  stems: ['coverage'],
  mandatory: false,
  requiredColumns: [['person_id', 'patient_id'], 'start_date'],
  columns: ['person_id', 'patient_id', 'start_date', 'end_date', 'payer'],
  async load(db, raw, file, stage) {
    await stageWithChecks(db, {
      source: raw.view,
      stage,
      ...coverageValidation,
    });
    await db.run(`
      insert into coverage
      select ${personIdSql}, cg_date(start_date), cg_date(end_date), nullif(trim(payer), '')
      from ${stage} where __reject_reason is null`);
    return { rejected: await rejectFromStage(db, stage, file.name) };
  },
};

/** The events format's sources, in load order. */
export const eventsFormat: SourceSpec[] = [patients, events, coverage];

/**
 * Attaches setting-inpatient events to the stay they fall in (docs/contracts.md: a stay's diagnoses are
 * that person's inpatient events dated within it). Runs once after all files are loaded.
 */
export async function linkEventsToStays(db: Db): Promise<void> {
  await db.run(linkEventsToStaysSql);
}

/** The statement of linkEventsToStays, portable SQL: the PostgreSQL engine runs it too. */
export const linkEventsToStaysSql = `
    update clinical_event as event
    set stay_id = stay.stay_id
    from inpatient_stay as stay
    where event.person_id = stay.person_id
      and event.setting = 'inpatient'
      and event.stay_id is null
      and event.event_date between stay.admission_date and coalesce(stay.discharge_date, stay.admission_date)`;
