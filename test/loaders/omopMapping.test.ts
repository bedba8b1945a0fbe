import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { loadInputs, type LoadResult } from '../../pipeline/loaders/loadInputs.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

// Small OMOP tables: one row per mapping rule or reject of the omop loader.
const files = {
  'concept.csv': [
    'concept_id,concept_name,domain_id,vocabulary_id,concept_class_id,standard_concept,concept_code',
    '4013886,Vertebral fracture,Condition,SNOMED,Clinical Finding,S,15724005',
    '45533950,Age-related osteoporosis with pathological fracture of vertebra,Condition,ICD10CM,7-char billing code,,M80.08XA',
    '40222444,alendronate sodium 70 MG Oral Tablet,Drug,RxNorm,Clinical Drug,S,904431',
    '2000000001,Local chart value,Condition,local_vocab,Local,,SR',
    '2000000001,Repeated concept id,Condition,local_vocab,Local,,SR2',
  ].join('\n'),
  'person.csv': [
    'person_id,gender_concept_id,year_of_birth,month_of_birth,day_of_birth,birth_datetime,gender_source_value',
    '-9000000000000000001,8532,1940,,,,', //                     2 year only; sex from the concept
    '9000000000000000002,8507,1939,6,,1938-06-01 00:00:00,', //   3 birth_datetime wins
    '9000000000000000003,0,1950,2,30,,F', //                      4 impossible date
    '9000000000000000002,8507,1939,,,,M', //                      5 duplicate person
  ].join('\n'),
  'observation_period.csv': 'observation_period_id,person_id,observation_period_start_date,observation_period_end_date\n1,-9000000000000000001,2019-01-01,2021-12-31\n',
  'visit_occurrence.csv': [
    'visit_occurrence_id,person_id,visit_concept_id,visit_start_date,visit_end_date',
    '11,-9000000000000000001,9201,2020-03-02,2020-03-06', // inpatient
    '12,-9000000000000000001,9202,2020-04-01,2020-04-01', // outpatient
  ].join('\n'),
  'condition_occurrence.csv': [
    'condition_occurrence_id,person_id,condition_concept_id,condition_start_date,condition_start_datetime,condition_source_value,condition_source_concept_id,visit_occurrence_id',
    '1,-9000000000000000001,4013886,2020-03-02,,M8008XA,45533950,11', //  2 source concept ICD10CM, on the stay
    '2,-9000000000000000001,4013886,2020-04-01,,,0,12', //                3 no source: standard SNOMED
    '3,-9000000000000000001,0,,2020-04-02 10:00:00,8052   ,,12', //       4 datetime only; ICD-9 by shape
    '4,-9000000000000000001,0,2020-04-03,,SR,2000000001,12', //           5 local vocabulary, no standard: reject
    '5,-9000000000000000001,4013886,,,M8008XA,,12', //                    6 no date: reject
  ].join('\n'),
  'drug_exposure.csv': [
    'drug_exposure_id,person_id,drug_concept_id,drug_exposure_start_date,days_supply,quantity,route_source_value,route_concept_id,drug_source_value,drug_source_concept_id,visit_occurrence_id',
    '1,-9000000000000000001,40222444,2020-03-10,28,4,PO,,0093-5171-44,,', //     2 dashed NDC padded
    '2,-9000000000000000001,40222444,2020-03-11,,,,4171047,alendronate tab,,', // 3 name: RxNorm concept; route by concept
    '3,-9000000000000000001,40222444,2020-03-12,-1,,IV DRIP,,00093517144,,', //  4 negative days supply
  ].join('\n'),
  'procedure_occurrence.csv': [
    'procedure_occurrence_id,person_id,procedure_concept_id,procedure_date,quantity,procedure_source_value,procedure_source_concept_id,visit_occurrence_id',
    '1,-9000000000000000001,0,2020-03-20,1,22514,,', //   CPT
    '2,-9000000000000000001,0,2020-03-21,60,J0897,,', //  HCPCS with units
    '3,-9000000000000000001,0,2020-03-22,,0QU03JZ,,11', // ICD-10-PCS on the stay
    '4,-9000000000000000001,0,2020-03-23,,8165,,', //     ICD-9 procedure
  ].join('\n'),
  'death.csv': 'person_id,death_date\n9000000000000000002,2021-01-01\n9000000000000000002,2021-01-02\n9000000000000000009,2021-05-05\n',
};

describe('OMOP mapping rules on small tables', () => {
  const temp = makeTempDir();
  let db: Db;
  let result: LoadResult;

  beforeAll(async () => {
    writeFiles(temp.dir, files);
    db = await Db.open({ threads: 1 });
    result = await loadInputs(db, { inputDir: temp.dir });
  });
  afterAll(() => {
    db.close();
    temp.cleanup();
  });

  it('maps persons: birth_datetime, else year with month and day as 1; sex from source value, else concept', async () => {
    expect(await db.all('select person_id, birth_date, sex, death_date from person order by birth_date nulls last')).toEqual([
      { person_id: '9000000000000000002', birth_date: '1938-06-01', sex: 'M', death_date: '2021-01-01' },
      { person_id: '-9000000000000000001', birth_date: '1940-01-01', sex: 'F', death_date: null },
      { person_id: '9000000000000000009', birth_date: null, sex: null, death_date: '2021-05-05' },
    ]);
  });

  it('rejects what it cannot use, one reason per row', async () => {
    expect(await db.all('select file, line::integer as line, "column", reason from load_reject order by file, line')).toEqual([
      { file: 'concept.csv', line: 6, column: 'concept_id', reason: 'duplicate concept' },
      { file: 'condition_occurrence.csv', line: 5, column: 'condition_source_value', reason: 'unknown code system' },
      { file: 'condition_occurrence.csv', line: 6, column: 'condition_start_date', reason: 'missing condition start date' },
      { file: 'death.csv', line: 3, column: 'person_id', reason: 'duplicate death' },
      { file: 'drug_exposure.csv', line: 4, column: 'days_supply', reason: 'negative days supply' },
      { file: 'person.csv', line: 4, column: 'day_of_birth', reason: 'impossible date' },
      { file: 'person.csv', line: 5, column: 'person_id', reason: 'duplicate person' },
    ]);
    for (const file of result.files) expect(file.rowsLoaded + file.rowsRejected).toBe(file.rowsRead);
  });

  it('chooses source value, then shape, then the standard concept; links the inpatient visit', async () => {
    const rows = await db.all(
      `select event_date, domain, code_system, code, stay_id, days_supply, quantity, units, route
       from clinical_event order by event_date, code`,
    );
    const none = { stay_id: null, days_supply: null, quantity: null, units: null, route: null };
    expect(rows).toEqual([
      { event_date: '2020-03-02', domain: 'diagnosis', code_system: 'ICD10CM', code: 'M8008XA', ...none, stay_id: 'visit:11' },
      { event_date: '2020-03-10', domain: 'drug', code_system: 'NDC', code: '00093517144', ...none, days_supply: 28, quantity: 4, route: 'ORAL' },
      { event_date: '2020-03-11', domain: 'drug', code_system: 'RXNORM', code: '904431', ...none, route: 'IV' },
      { event_date: '2020-03-20', domain: 'procedure', code_system: 'CPT', code: '22514', ...none, units: 1 },
      { event_date: '2020-03-21', domain: 'procedure', code_system: 'HCPCS', code: 'J0897', ...none, units: 60 },
      { event_date: '2020-03-22', domain: 'procedure', code_system: 'ICD10PCS', code: '0QU03JZ', ...none, stay_id: 'visit:11' },
      { event_date: '2020-03-23', domain: 'procedure', code_system: 'ICD9CM', code: '8165', ...none },
      { event_date: '2020-04-01', domain: 'diagnosis', code_system: 'SNOMED', code: '15724005', ...none },
      { event_date: '2020-04-02', domain: 'diagnosis', code_system: 'ICD9CM', code: '8052', ...none },
    ]);
    expect(await db.all('select * from inpatient_stay')).toEqual([
      { person_id: '-9000000000000000001', stay_id: 'visit:11', admission_date: '2020-03-02', discharge_date: '2020-03-06' },
    ]);
    expect(await db.all('select * from coverage')).toEqual([
      { person_id: '-9000000000000000001', start_date: '2019-01-01', end_date: '2021-12-31', payer: null },
    ]);
  });
});
