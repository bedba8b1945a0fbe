import { afterAll, describe, expect, it } from 'vitest';
import { withDb, type Db } from '../../pipeline/db.js';
import { loadInputs, runDate, type LoadResult } from '../../pipeline/loaders/loadInputs.js';
import { resolveAsOf } from '../../pipeline/rules/createRunParams.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

// docs/canonical-tables.md, "Implausible dates": a date before 1900 or after the run date (or
// --as-of when later) is rejected naming its column; an event before its person's birth is
// rejected at its line; a far-future end of an enrollment span means "still enrolled".

type Reject = { file: string; line: number; column: string; value: string; reason: string };
const temp = makeTempDir();
afterAll(() => temp.cleanup());
let folders = 0;
const after = `implausible date: after ${runDate()}`;

async function load<T>(
  files: Record<string, string>,
  then: (db: Db, result: LoadResult, rejects: Reject[]) => Promise<T>,
  asOf?: string,
): Promise<T> {
  const dir = `${temp.dir}/case${(folders += 1)}`;
  writeFiles(dir, files);
  return withDb({ threads: 1 }, async (db) => {
    const result = await loadInputs(db, { inputDir: dir, asOf });
    const rejects = await db.all<Reject>(
      `select file, line::integer as line, "column" as column, value, reason from load_reject order by file, line`,
    );
    return then(db, result, rejects);
  });
}

const ledgerOf = (result: LoadResult): Record<string, number[]> =>
  Object.fromEntries(result.files.map((file) => [file.file, [file.rowsRead, file.rowsLoaded, file.rowsRejected]]));

describe('implausible dates in the events format', () => {
  const files = {
    'patients.csv': [
      'person_id,birth_date,sex,death_date',
      'p1,1950-01-01,F,9999-12-31', // a placeholder death date: alive
      'p2,2019-06-01,M,',
      'p3,1850-01-01,F,',
      'p4,9999-01-01,M,',
      '',
    ].join('\n'),
    'events.csv': [
      'person_id,event_date,code_system,code,end_date',
      'p1,2021-03-01,ICD10CM,M81.0,', //          2 good: the latest plausible date
      'p1,9999-12-31,ICD10CM,M81.0,', //          3 after the run date
      'p1,1899-12-31,ICD10CM,M81.0,', //          4 before 1900
      'p2,2019-05-30,ICD10CM,S32.000A,', //        5 two days before p2 was born
      'p2,2019-06-01,ICD10CM,M81.0,', //          6 good: on the birth date
      'p1,2021-01-01,CAREGAP,inpatient_stay,9999-01-02', // 7 stay discharged after the run date
      'p2,2019-01-01,CAREGAP,inpatient_stay,2019-01-03', // 8 stay before birth
      '',
    ].join('\n'),
    'coverage.csv': ['person_id,start_date,end_date', 'p1,2015-01-01,9999-12-31', 'p1,2200-01-01,', ''].join('\n'),
  };

  it('rejects each with a reason naming the column, and the ledger adds up', async () => {
    await load(files, async (db, result, rejects) => {
      expect(rejects).toEqual([
        { file: 'coverage.csv', line: 3, column: 'start_date', value: '2200-01-01', reason: after },
        { file: 'events.csv', line: 3, column: 'event_date', value: '9999-12-31', reason: after },
        { file: 'events.csv', line: 4, column: 'event_date', value: '1899-12-31', reason: 'implausible date: before 1900' },
        { file: 'events.csv', line: 5, column: 'event_date', value: '2019-05-30', reason: "dated before the person's birth date" },
        { file: 'events.csv', line: 7, column: 'end_date', value: '9999-01-02', reason: after },
        { file: 'events.csv', line: 8, column: 'event_date', value: '2019-01-01', reason: "dated before the person's birth date" },
        { file: 'patients.csv', line: 4, column: 'birth_date', value: '1850-01-01', reason: 'implausible date: before 1900' },
        { file: 'patients.csv', line: 5, column: 'birth_date', value: '9999-01-01', reason: after },
      ]);
      expect(ledgerOf(result)).toEqual({
        'patients.csv': [4, 2, 2],
        'events.csv': [7, 2, 5],
        'coverage.csv': [2, 1, 1],
      });
      expect(await db.all('select person_id, event_date from clinical_event order by all')).toEqual([
        { person_id: 'p1', event_date: '2021-03-01' },
        { person_id: 'p2', event_date: '2019-06-01' },
      ]);
      expect(await db.all('select * from inpatient_stay')).toEqual([]);
      expect(await db.all('select person_id, death_date from person order by person_id')).toEqual([
        { person_id: 'p1', death_date: null },
        { person_id: 'p2', death_date: null },
      ]);
      // A far-future end of enrollment is an open span, not a rejected row.
      expect(await db.all('select person_id, start_date, end_date from coverage')).toEqual([
        { person_id: 'p1', start_date: '2015-01-01', end_date: null },
      ]);
    });
  });

  it('the default as_of is the latest plausible event date, not 9999', async () => {
    expect(await load(files, (db) => resolveAsOf(db, null))).toBe('2021-03-01');
  });

  it('an --as-of later than today extends the horizon (date-shifted extracts)', async () => {
    const shifted = {
      'events.csv': ['person_id,event_date,code_system,code', 'p1,2150-03-01,ICD10CM,M81.0', 'p1,2150-03-02,ICD10CM,M81.0', ''].join('\n'),
    };
    await load(
      shifted,
      async (_db, result, rejects) => {
        expect(rejects).toEqual([
          { file: 'events.csv', line: 3, column: 'event_date', value: '2150-03-02', reason: 'implausible date: after 2150-03-01' },
        ]);
        expect(ledgerOf(result)).toEqual({ 'events.csv': [2, 1, 1] });
      },
      '2150-03-01',
    );
  });
});

describe('implausible dates in the claims format', () => {
  it('rejects a claim after the run date and a fill before birth (birth from eligibility)', async () => {
    const files = {
      'eligibility.csv': ['person_id,gender,birth_date,enrollment_start_date,enrollment_end_date', 'c1,female,1950-01-01,2019-01-01,9999-12-31', ''].join('\n'),
      'medical_claim.csv': [
        'claim_id,claim_line_number,claim_type,person_id,claim_start_date,claim_end_date,diagnosis_code_type,diagnosis_code_1',
        'k1,1,professional,c1,2021-02-01,2021-02-01,icd-10-cm,M81.0',
        'k2,1,professional,c1,9999-12-31,9999-12-31,icd-10-cm,M81.0',
        '',
      ].join('\n'),
      'pharmacy_claim.csv': ['person_id,dispensing_date,ndc_code,days_supply', 'c1,1949-12-01,00093517144,30', 'c1,2021-02-02,00093517144,30', ''].join('\n'),
    };
    await load(files, async (db, result, rejects) => {
      expect(rejects).toEqual([
        { file: 'medical_claim.csv', line: 3, column: 'claim_start_date', value: '9999-12-31', reason: after },
        { file: 'pharmacy_claim.csv', line: 2, column: 'dispensing_date', value: '1949-12-01', reason: "dated before the person's birth date" },
      ]);
      expect(ledgerOf(result)).toEqual({ 'eligibility.csv': [1, 1, 0], 'medical_claim.csv': [2, 1, 1], 'pharmacy_claim.csv': [2, 1, 1] });
      expect(await db.all('select start_date, end_date from coverage')).toEqual([{ start_date: '2019-01-01', end_date: null }]);
      expect(await resolveAsOf(db, null)).toBe('2021-02-02');
    });
  });
});

describe('implausible dates in the omop format', () => {
  it('rejects a condition dated 9999 and one before birth', async () => {
    const files = {
      'person.csv': ['person_id,gender_concept_id,year_of_birth,month_of_birth,day_of_birth', '1,8532,1950,3,1', ''].join('\n'),
      'condition_occurrence.csv': [
        'condition_occurrence_id,person_id,condition_concept_id,condition_start_date,condition_source_value',
        '1,1,0,2020-01-05,M81.0',
        '2,1,0,9999-12-31,M81.0',
        '3,1,0,1950-02-28,M81.0',
        '',
      ].join('\n'),
    };
    await load(files, async (_db, result, rejects) => {
      expect(rejects.map(({ file, line, column, reason }) => ({ file, line, column, reason }))).toEqual([
        { file: 'condition_occurrence.csv', line: 3, column: 'condition_start_date', reason: after },
        { file: 'condition_occurrence.csv', line: 4, column: 'condition_start_date', reason: "dated before the person's birth date" },
      ]);
      expect(ledgerOf(result)['condition_occurrence.csv']).toEqual([3, 1, 2]);
    });
  });
});

describe('implausible dates in the fhir format', () => {
  it('rejects a Condition dated 9999 and one before birth', async () => {
    const condition = (date: string): string =>
      JSON.stringify({
        resourceType: 'Condition',
        code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M81.0' }] },
        subject: { reference: 'Patient/f1' },
        onsetDateTime: date,
      });
    const files = {
      'Patient.ndjson': `${JSON.stringify({ resourceType: 'Patient', id: 'f1', gender: 'female', birthDate: '1950-01-01' })}\n`,
      'Condition.ndjson': [condition('2020-01-05'), condition('9999-12-31'), condition('1949-01-01'), ''].join('\n'),
    };
    await load(files, async (_db, result, rejects) => {
      expect(rejects.map(({ file, line, reason }) => ({ file, line, reason }))).toEqual([
        { file: 'Condition.ndjson', line: 2, reason: after },
        { file: 'Condition.ndjson', line: 3, reason: "dated before the person's birth date" },
      ]);
      expect(ledgerOf(result)['Condition.ndjson']).toEqual([3, 1, 2]);
    });
  });
});
