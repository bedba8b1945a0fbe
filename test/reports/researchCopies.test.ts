import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDb } from '../../pipeline/db.js';
import { quotedString } from '../../pipeline/sql.js';
import { writeArrowCopy, writeParquetCopy } from '../../reports/writeResearchCopies.js';
import { PATIENT_GAPS_DDL, loadPatientGaps } from './fixtures/loadPatientGaps.js';
import { syntheticPatientGaps } from './fixtures/syntheticPatientGaps.js';

const COLUMNS = ['person_id', 'episode_id', 'index_date', 'fracture_level', 'age_at_index', 'sex', 'site', 'payer', 'rule_id', 'status', 'reason', 'evidence_date', 'evidence_code', 'days_to_event', 'due_date', 'evidence_display'];

describe('research copies', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caregap-copies-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes Parquet and Arrow IPC files with the contract columns, types, nulls and order', async () => {
    const rows = syntheticPatientGaps(50);
    await withDb({ threads: 1 }, async (db) => {
      await loadPatientGaps(db, rows);
      await writeParquetCopy(db, join(dir, 'gaps.parquet'));
      await writeArrowCopy(db, join(dir, 'gaps.arrow'));
      const parquet = await db.all(`select * from read_parquet(${quotedString(join(dir, 'gaps.parquet'))})`);
      const expected = await db.all('select * from patient_gaps order by person_id, index_date, rule_id');
      expect(parquet).toEqual(expected);
      expect(Object.keys(parquet[0]!)).toEqual(COLUMNS);

      const arrow = tableFromIPC(await readFile(join(dir, 'gaps.arrow')));
      expect(arrow.schema.fields.map((field) => field.name)).toEqual(COLUMNS);
      expect(arrow.numRows).toBe(expected.length);
      expect(String(arrow.schema.fields[2]!.type)).toBe('Date32<DAY>');
      const first = arrow.get(0)!.toJSON();
      const date = (value: unknown): string | null => (value === null ? null : new Date(Number(value)).toISOString().slice(0, 10));
      expect(first.person_id).toBe(expected[0]!.person_id);
      expect(date(first.index_date)).toBe(expected[0]!.index_date);
      expect(first.age_at_index).toBe(expected[0]!.age_at_index);
      const nullDue = expected.findIndex((row) => row.due_date === null);
      expect(arrow.get(nullDue)!.toJSON().due_date).toBeNull();
      const withDue = expected.findIndex((row) => row.due_date !== null);
      expect(date(arrow.get(withDue)!.toJSON().due_date)).toBe(expected[withDue]!.due_date);
    });
  });

  it('streams a table larger than one record batch', async () => {
    await withDb({ threads: 1 }, async (db) => {
      await db.run(PATIENT_GAPS_DDL);
      await db.run(`
        insert into patient_gaps
        select 'p' || i, 'p' || i || ':2023-01-01', date '2023-01-01', 'lumbar', 70, 'F', null, null,
          'untreated-12m', 'open', 'no_therapy', null, null, null, null, null
        from range(150000) as series(i)`);
      await writeArrowCopy(db, join(dir, 'big.arrow'));
      const arrow = tableFromIPC(await readFile(join(dir, 'big.arrow')));
      expect(arrow.numRows).toBe(150000);
      expect(arrow.batches.length).toBeGreaterThan(1);
      expect(arrow.getChild('person_id')!.get(149999)).toBe('p99999');
    });
  });
});
