import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonymizePersonIds, readPseudonymKey } from '../../reports/pseudonymize.js';
import { writeReports } from '../../reports/writeReports.js';
import { SAMPLE_RUN, sampleAttrition } from './fixtures/sampleRun.js';
import { syntheticPatientGaps } from './fixtures/syntheticPatientGaps.js';
import { withSampleDb } from './fixtures/withSampleDb.js';

describe('pseudonymizePersonIds', () => {
  let dir: string;
  let keyFile: string;
  let otherKeyFile: string;
  const rows = syntheticPatientGaps(60);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caregap-pseudo-'));
    keyFile = join(dir, 'key');
    otherKeyFile = join(dir, 'other-key');
    await writeFile(keyFile, 'a3f1c0de5e11b0a7d00dfeed12345678\n');
    await writeFile(otherKeyFile, 'ffffffffffffffffffffffffffffffff\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const pseudonymized = (file: string) =>
    withSampleDb(async (db) => {
      await pseudonymizePersonIds(db, await readPseudonymKey(file));
      const tables = await db.all<{ n: number }>(`select count(*)::integer as n from duckdb_tables() where table_name = 'person_pseudonym'`);
      expect(tables[0]!.n).toBe(0);
      return db.all<{ person_id: string; episode_id: string; index_date: string; rule_id: string }>(
        'select person_id, episode_id, index_date, rule_id from patient_gaps order by index_date, rule_id, person_id',
      );
    }, rows);

  it('replaces person and episode ids with HMAC-SHA-256 of the id under the key', async () => {
    const result = await pseudonymized(keyFile);
    const key = Buffer.from('a3f1c0de5e11b0a7d00dfeed12345678');
    const expected = new Set(rows.map((row) => createHmac('sha256', key).update(row.person_id).digest('hex')));
    expect(new Set(result.map((row) => row.person_id))).toEqual(expected);
    for (const row of result) {
      expect(row.person_id).toMatch(/^[0-9a-f]{64}$/);
      expect(row.episode_id).toBe(`${row.person_id}:${row.index_date}`);
    }
  });

  it('is stable for the same key and differs for another key', async () => {
    const first = await pseudonymized(keyFile);
    const second = await pseudonymized(keyFile);
    const other = await pseudonymized(otherKeyFile);
    expect(second).toEqual(first);
    expect(other.map((row) => row.person_id)).not.toEqual(first.map((row) => row.person_id));
  });

  it('refuses a short key', async () => {
    const short = join(dir, 'short');
    await writeFile(short, 'abc\n');
    await expect(readPseudonymKey(short)).rejects.toThrow(/at least 16/);
  });

  it('leaves no real person id in any report or research copy', async () => {
    const out = join(dir, 'out');
    await withSampleDb(async (db) => {
      await pseudonymizePersonIds(db, await readPseudonymKey(keyFile));
      await writeReports(db, { outDir: out, run: SAMPLE_RUN, minCell: 11, worklist: true, attrition: sampleAttrition(60), supplementsVisible: false, pseudonymized: true });
    }, rows);
    for (const file of ['summary.json', 'summary.md', 'report.html']) {
      const text = await readFile(join(out, file), 'utf8');
      expect(text, file).not.toContain('pid-');
    }
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('keyed hashes (HMAC-SHA-256)');
    const arrow = tableFromIPC(await readFile(join(out, 'patient_gaps.arrow')));
    const ids = arrow.getChild('person_id')!.toArray() as string[];
    expect(ids.length).toBe(rows.length);
    expect(ids.some((id) => id.startsWith('pid-'))).toBe(false);
  });
});
