import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { loadInputs, type LoadResult } from '../../pipeline/loaders/loadInputs.js';
import { projectRoot } from '../../pipeline/projectRoot.js';

const broken = join(projectRoot(), 'test', 'fixtures', 'fhir', 'broken');

interface Reject { file: string; line: number; column: string; reason: string }

describe('FHIR row ledger on deliberately broken NDJSON', () => {
  let db: Db;
  let result: LoadResult;
  let rejects: Reject[] = [];

  beforeAll(async () => {
    db = await Db.open({ threads: 1 });
    result = await loadInputs(db, { inputDir: broken, format: 'fhir' });
    rejects = await db.all<Reject & Record<string, unknown>>(
      'select file, line::integer as line, "column", reason from load_reject order by file, line',
    );
  });
  afterAll(() => db.close());

  it('rejects each broken line with its physical line number and one reason', () => {
    expect(rejects).toEqual([
      { file: 'Condition.ndjson', line: 3, column: 'resource', reason: 'invalid JSON' },
      { file: 'Condition.ndjson', line: 4, column: 'resourceType', reason: 'resource type Observation in a Condition file' },
      { file: 'Condition.ndjson', line: 5, column: 'subject', reason: 'missing person id' },
      { file: 'Condition.ndjson', line: 6, column: 'onsetDateTime', reason: 'missing onsetDateTime' },
      { file: 'Condition.ndjson', line: 7, column: 'coding', reason: 'unknown code system' },
      { file: 'Condition.ndjson', line: 8, column: 'verificationStatus', reason: 'verification status entered-in-error' },
      { file: 'Condition.ndjson', line: 10, column: 'onsetDateTime', reason: 'impossible date' },
      { file: 'Patient.ndjson', line: 2, column: 'id', reason: 'duplicate person' },
      { file: 'Patient.ndjson', line: 3, column: 'gender', reason: 'unknown sex value' },
      { file: 'Patient.ndjson', line: 4, column: 'birthDate', reason: 'impossible date' },
    ]);
  });

  it('adds up, a blank line being no record', () => {
    const ledger = Object.fromEntries(result.files.map((file) => [file.file, [file.rowsRead, file.rowsLoaded, file.rowsRejected]]));
    expect(ledger).toEqual({ 'Patient.ndjson': [4, 1, 3], 'Condition.ndjson': [9, 2, 7] });
  });

  it('loads one event per known coding; an absolute reference and a time zone keep id and local date', async () => {
    const rows = await db.all('select person_id, event_date, code_system, code, source_line from clinical_event order by source_line, code_system');
    expect(rows).toEqual([
      { person_id: 'b1', event_date: '2020-01-05', code_system: 'ICD10CM', code: 'M810', source_line: '1' },
      { person_id: 'b1', event_date: '2020-02-01', code_system: 'ICD10CM', code: 'M8008XA', source_line: '9' },
      { person_id: 'b1', event_date: '2020-02-01', code_system: 'SNOMED', code: '443165006', source_line: '9' },
    ]);
  });
});
