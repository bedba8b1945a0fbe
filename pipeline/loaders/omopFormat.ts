import { conditionOccurrence, drugExposure, omopPersonCheck, procedureOccurrence } from './omopClinical.js';
import type { SourceSpec } from './sourceSpec.js';
import { dateCheck, numberCheck, openEndDateCheck, orderCheck, rejectFromStage, required, stageWithChecks, type Check } from './validate.js';

// docs/contracts.md, format `omop`: OMOP CDM v5.3 / v5.4 tables. person_id values are large signed
// 64-bit integers in real data (MIMIC): they stay text, exactly as written.

const concept: SourceSpec = {
  role: 'concept',
  stems: ['concept'],
  // Athena vocabulary tables beside concept: no source reads them; listed as ignored files.
  excludeStems: ['concept_relationship', 'concept_ancestor', 'concept_synonym', 'concept_class', 'concept_cpt4'],
  mandatory: false,
  requiredColumns: ['concept_id', 'vocabulary_id', 'concept_code'],
  columns: ['concept_id', 'vocabulary_id', 'concept_code', 'domain_id'],
  async load(db, raw, file, stage) {
    await stageWithChecks(db, {
      source: raw.view,
      stage,
      derived: ['row_number() over (partition by trim(concept_id) order by __line) as __copy'],
      checks: [
        required('concept_id', 'missing concept id'),
        { column: 'concept_id', value: 'concept_id', problem: `case when __copy > 1 then 'duplicate concept' end` },
      ],
    });
    // A lookup: every good row is loaded into omop_concept, which the later files join to.
    await db.run(`
      insert into omop_concept
      select trim(concept_id), trim(vocabulary_id), trim(concept_code), trim(domain_id)
      from ${stage} where __reject_reason is null`);
    return { rejected: await rejectFromStage(db, stage, file.name) };
  },
};

/** Birth date: birth_datetime, else year/month/day of birth with a missing month or day as 1. */
const birthFromParts = `try_cast(printf('%04d-%02d-%02d', try_cast(trim(year_of_birth) as integer),
    coalesce(try_cast(trim(month_of_birth) as integer), 1), coalesce(try_cast(trim(day_of_birth) as integer), 1)) as date)`;
const birthDate = `coalesce(cg_date(birth_datetime), ${birthFromParts})`;

/** Sex: gender_source_value when recognised, else gender_concept_id (8532 female, 8507 male), else U. */
const sexSql = `coalesce(
    case when not cg_blank(gender_source_value) then cg_sex(gender_source_value) end,
    case trim(gender_concept_id) when '8532' then 'F' when '8507' then 'M' end,
    'U')`;

const person: SourceSpec = {
  role: 'person',
  stems: ['person'],
  mandatory: true,
  requiredColumns: ['person_id'],
  columns: ['person_id', 'gender_concept_id', 'gender_source_value', 'year_of_birth', 'month_of_birth', 'day_of_birth', 'birth_datetime'],
  async load(db, raw, file, stage) {
    await stageWithChecks(db, {
      source: raw.view,
      stage,
      derived: ['row_number() over (partition by trim(person_id) order by __line) as __copy'],
      checks: [
        omopPersonCheck,
        dateCheck('birth_datetime'),
        numberCheck('year_of_birth', 'year of birth', 2300),
        numberCheck('month_of_birth', 'month of birth', 12),
        numberCheck('day_of_birth', 'day of birth', 31),
        {
          column: 'day_of_birth',
          value: `concat_ws('-', year_of_birth, month_of_birth, day_of_birth)`,
          problem: `case when cg_date(birth_datetime) is null and not cg_blank(year_of_birth) and ${birthFromParts} is null
                         then 'impossible date' end`,
        },
        { column: 'person_id', value: 'person_id', problem: `case when __copy > 1 then 'duplicate person' end` },
      ],
    });
    await db.run(`
      insert into person
      select trim(person_id), ${birthDate}, ${sexSql}, null, null, null
      from ${stage} where __reject_reason is null`);
    return { rejected: await rejectFromStage(db, stage, file.name) };
  },
};

const observationPeriod: SourceSpec = {
  role: 'observation_period',
  stems: ['observation_period'],
  mandatory: false,
  requiredColumns: ['person_id', 'observation_period_start_date'],
  columns: ['person_id', 'observation_period_start_date', 'observation_period_end_date'],
  async load(db, raw, file, stage) {
    await stageWithChecks(db, {
      source: raw.view,
      stage,
      checks: [
        omopPersonCheck,
        dateCheck('observation_period_start_date', true),
        openEndDateCheck('observation_period_end_date'),
        orderCheck('observation_period_end_date', 'observation_period_start_date'),
      ],
    });
    // OMOP's convention: events are recorded only inside observation periods, so they are coverage.
    await db.run(`
      insert into coverage
      select trim(person_id), cg_date(observation_period_start_date), cg_date(observation_period_end_date), null
      from ${stage} where __reject_reason is null`);
    return { rejected: await rejectFromStage(db, stage, file.name) };
  },
};

/** Inpatient visit concepts: 9201 Inpatient Visit, 262 ER and Inpatient Visit, 8717 Inpatient Hospital. */
export const inpatientVisitConcepts = ['9201', '262', '8717'];

const visitOccurrence: SourceSpec = {
  role: 'visit_occurrence',
  stems: ['visit_occurrence'],
  mandatory: false,
  requiredColumns: ['person_id', 'visit_concept_id', 'visit_start_date'],
  columns: ['person_id', 'visit_occurrence_id', 'visit_concept_id', 'visit_start_date', 'visit_start_datetime', 'visit_end_date'],
  async load(db, raw, file, stage) {
    await stageWithChecks(db, {
      source: raw.view,
      stage,
      derived: [
        'coalesce(cg_date(visit_start_date), cg_date(visit_start_datetime)) as __date',
        `case when cg_blank(visit_occurrence_id) then 1
              else row_number() over (partition by trim(visit_occurrence_id) order by __line) end as __copy`,
      ],
      checks: [
        omopPersonCheck,
        dateCheck('visit_start_date', true),
        dateCheck('visit_end_date'),
        orderCheck('visit_end_date', 'visit_start_date'),
        { column: 'visit_occurrence_id', value: 'visit_occurrence_id', problem: `case when __copy > 1 then 'duplicate visit' end` },
      ],
    });
    // Only inpatient visits are stays; other visits are loaded and yield no row.
    await db.run(
      `insert into inpatient_stay
       select trim(person_id), 'visit:' || coalesce(trim(visit_occurrence_id), $file || ':' || __line),
              __date, cg_date(visit_end_date)
       from ${stage}
       where __reject_reason is null and trim(visit_concept_id) in (${inpatientVisitConcepts.map((id) => `'${id}'`).join(', ')})`,
      { file: file.name },
    );
    return { rejected: await rejectFromStage(db, stage, file.name) };
  },
};

const death: SourceSpec = {
  role: 'death',
  stems: ['death'],
  mandatory: false,
  requiredColumns: ['person_id', 'death_date'],
  columns: ['person_id', 'death_date', 'death_datetime'],
  async load(db, raw, file, stage) {
    const deathCheck: Check = {
      column: 'person_id',
      value: 'person_id',
      problem: `case when __copy > 1 then 'duplicate death' end`,
    };
    await stageWithChecks(db, {
      source: raw.view,
      stage,
      derived: ['row_number() over (partition by trim(person_id) order by __line) as __copy'],
      checks: [omopPersonCheck, dateCheck('death_date', true), deathCheck],
    });
    await db.run(`
      update person set death_date = cg_date(good.death_date)
      from ${stage} as good
      where good.__reject_reason is null and person.person_id = trim(good.person_id)`);
    await db.run(`
      insert into person (person_id, death_date)
      select trim(person_id), cg_date(death_date) from ${stage}
      where __reject_reason is null and trim(person_id) not in (select person_id from person)`);
    return { rejected: await rejectFromStage(db, stage, file.name) };
  },
};

/** The OMOP format's sources, in load order (concept first: the clinical tables join to it). */
export const omopFormat: SourceSpec[] = [
  concept, person, observationPeriod, visitOccurrence, conditionOccurrence, procedureOccurrence, drugExposure, death,
];
