import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDb } from '../../pipeline/db.js';
import { loadInputs, type LoadResult } from '../../pipeline/loaders/loadInputs.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

type Reject = { file: string; line: string; column: string; value: string | null; reason: string };

// One deliberately broken row per line; the comment on each says what is wrong with it.
const events = [
  'person_id,event_date,code_system,code,days_supply,quantity,end_date',
  'p1,2021-01-05,ICD10CM,M80.08XA,,,', //  2 good
  'p1,2021-02-30,ICD10CM,M81.0,,,', //     3 impossible date
  'p1,01/02/2021,ICD10CM,M81.0,,,', //     4 unparseable date
  ',2021-01-05,ICD10CM,M81.0,,,', //       5 missing person id
  'p1,2021-01-05,ICD10CM,,,,', //          6 missing code
  'p1,2021-01-05,FOO,M81.0,,,', //         7 unknown code system
  'p1,2021-01-05,ICD10CM,M81.0,,,2021-01-01', // 8 end before start
  'p1,2021-01-05,NDC,00093-5171-44,-3,1,', //   9 negative days supply
  'p1,2021-01-05,NDC,00093517144,5000,1,', //  10 absurd days supply
  'p1,2021-01-05,NDC,00093517144,30,abc,', //  11 quantity not a number
  'p1,2021-01-05,ICD10CM', //                  12 ragged: too few fields
  'p1,2021-01-05,ICD10CM,M81.0,,,,extra', //   13 ragged: too many fields
  'p1,2021-01-05,icd-10-cm," m80.08xa ",,,', // 14 good: quoted, lower case, spaces
  'p1,2021-01-06T10:30:00,NDC,0093-5171-44,30,4,', // 15 good: time part dropped, dashed NDC padded
  '',
].join('\n');

const expected: [number, string, string][] = [
  [3, 'event_date', 'impossible date'],
  [4, 'event_date', 'unparseable date'],
  [5, 'person_id', 'missing person id'],
  [6, 'code', 'missing code'],
  [7, 'code_system', 'unknown code system'],
  [8, 'end_date', 'end before start'],
  [9, 'days_supply', 'negative days supply'],
  [10, 'days_supply', 'absurd days supply'],
  [11, 'quantity', 'quantity is not a number'],
];

describe('row ledger on a deliberately broken events file', () => {
  const temp = makeTempDir();
  let rejects: Reject[] = [];
  let result: LoadResult;
  let loaded: { code: string; event_date: string; source_line: string }[] = [];

  beforeAll(async () => {
    writeFiles(temp.dir, { 'events.csv': events, 'patients.csv': 'person_id,birth_date,sex\np1,1950-01-01,F\n' });
    await withDb({}, async (db) => {
      result = await loadInputs(db, { inputDir: temp.dir });
      rejects = await db.all<Reject>('select file, line, "column", value, reason from load_reject order by line');
      loaded = await db.all('select code, event_date, source_line from clinical_event order by source_line');
    });
  });
  afterAll(() => temp.cleanup());

  it.each(expected)('line %i is rejected for %s: %s', (line, column, reason) => {
    const reject = rejects.find((row) => Number(row.line) === line);
    expect(reject).toMatchObject({ file: 'events.csv', column, reason });
  });

  it('rejects ragged rows with their line numbers', () => {
    const ragged = rejects.filter((row) => row.reason.startsWith('ragged row')).map((row) => Number(row.line));
    expect(ragged).toEqual([12, 13]);
  });

  it('loads the good rows with normalised codes and their true line numbers', () => {
    expect(loaded).toEqual([
      { code: 'M8008XA', event_date: '2021-01-05', source_line: '2' },
      { code: 'M8008XA', event_date: '2021-01-05', source_line: '14' },
      { code: '00093517144', event_date: '2021-01-06', source_line: '15' },
    ]);
  });

  it('adds up: rows read = loaded + rejected for every file', () => {
    const file = result.files.find((entry) => entry.file === 'events.csv')!;
    expect(file).toMatchObject({ rowsRead: 14, rowsLoaded: 3, rowsRejected: 11 });
  });
});

describe('file shapes that must load', () => {
  it('handles a UTF-8 BOM, CRLF line ends, upper-case headers and patient_id', async () => {
    const temp = makeTempDir();
    writeFiles(temp.dir, {
      'events.csv': '\uFEFFPATIENT_ID,Event_Date,CODE_SYSTEM,Code\r\np1,2021-01-05,ICD10CM,S32.010A\r\np2,2021-01-06,CPT,22514\r\n',
    });
    await withDb({}, async (db) => {
      const result = await loadInputs(db, { inputDir: temp.dir });
      expect(result.files[0]).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0 });
      const rows = await db.all('select person_id, code, domain from clinical_event order by person_id');
      expect(rows).toEqual([
        { person_id: 'p1', code: 'S32010A', domain: 'diagnosis' },
        { person_id: 'p2', code: '22514', domain: 'procedure' },
      ]);
    });
    temp.cleanup();
  });

  it('loads an empty file and a header-only file as zero rows', async () => {
    const temp = makeTempDir();
    writeFiles(temp.dir, { 'events.csv': 'person_id,event_date,code_system,code\n', 'patients.csv': '' });
    await withDb({}, async (db) => {
      const result = await loadInputs(db, { inputDir: temp.dir });
      for (const file of result.files) expect(file).toMatchObject({ rowsRead: 0, rowsLoaded: 0, rowsRejected: 0 });
    });
    temp.cleanup();
  });

  it('reads gzip CSV and Parquet the same as plain CSV', async () => {
    const temp = makeTempDir();
    const csv = 'person_id,event_date,code_system,code\np1,2021-01-05,ICD10CM,M80.08XA\np1,2021-02-30,ICD10CM,M81.0\n';
    writeFiles(temp.dir, { 'gz/events.csv.gz': gzipSync(csv), 'plain/events.csv': csv });
    await withDb({}, async (db) => {
      await db.run(`copy (select * from read_csv('${temp.dir}/plain/events.csv', all_varchar = true)) to '${temp.dir}/events.parquet' (format parquet)`);
    });
    writeFiles(temp.dir, { 'pq/events.parquet': readFileSync(`${temp.dir}/events.parquet`) });
    for (const folder of ['gz', 'pq']) {
      await withDb({}, async (db) => {
        const result = await loadInputs(db, { inputDir: `${temp.dir}/${folder}` });
        expect(result.files[0]).toMatchObject({ rowsRead: 2, rowsLoaded: 1, rowsRejected: 1 });
        expect(await db.one('select line, reason from load_reject')).toEqual({ line: folder === 'gz' ? '3' : '2', reason: 'impossible date' });
      });
    }
    temp.cleanup();
  });

  it('stops before loading when a required column is missing, naming file and column', async () => {
    const temp = makeTempDir();
    writeFiles(temp.dir, { 'events.csv': 'person_id,event_date,code\np1,2021-01-05,M81.0\n' });
    await withDb({}, async (db) => {
      await expect(loadInputs(db, { inputDir: temp.dir })).rejects.toThrow(/events\.csv: missing required column code_system/);
    });
    temp.cleanup();
  });
});

describe('claims duplicates and code systems', () => {
  it('rejects a repeated claim line and an unknown diagnosis code type', async () => {
    const temp = makeTempDir();
    writeFiles(temp.dir, {
      'eligibility.csv': 'person_id,gender,birth_date,enrollment_start_date,enrollment_end_date\nA,female,1950-03-01,2020-01-01,\n',
      'medical_claim.csv': [
        'claim_id,claim_line_number,claim_type,person_id,claim_start_date,claim_end_date,diagnosis_code_type,diagnosis_code_1,hcpcs_code,service_unit_quantity',
        'c1,1,professional,A,2021-01-05,2021-01-05,icd-10-cm,M80.08XA,J0897,60',
        'c1,1,professional,A,2021-01-05,2021-01-05,icd-10-cm,M80.08XA,J0897,60',
        'c2,1,professional,A,2021-01-05,2021-01-05,icd-11,M80.08XA,,',
        'c3,1,professional,A,2021-01-05,2021-01-05,icd-10-cm,M80.08XA,,-1',
        '',
      ].join('\n'),
    });
    await withDb({}, async (db) => {
      const result = await loadInputs(db, { inputDir: temp.dir });
      const rejects = await db.all('select line, "column", reason from load_reject order by line');
      expect(rejects).toEqual([
        { line: '3', column: 'claim_line_number', reason: 'duplicate claim line' },
        { line: '4', column: 'diagnosis_code_type', reason: 'unknown code system' },
        { line: '5', column: 'service_unit_quantity', reason: 'negative units' },
      ]);
      const medical = result.files.find((file) => file.role === 'medical_claim')!;
      expect(medical).toMatchObject({ rowsRead: 4, rowsLoaded: 1, rowsRejected: 3 });
      expect(await db.all('select code_system, code, units from clinical_event order by code')).toEqual([
        { code_system: 'HCPCS', code: 'J0897', units: 60 },
        { code_system: 'ICD10CM', code: 'M8008XA', units: null },
      ]);
    });
    temp.cleanup();
  });
});
