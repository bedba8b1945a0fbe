import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareReports, writeReports } from '../../reports/writeReports.js';
import { SAMPLE_RUN, sampleAttrition } from './fixtures/sampleRun.js';
import { withSampleDb } from './fixtures/withSampleDb.js';

describe('prepareReports', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caregap-prepare-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the same bytes as writeReports although DuckDB writes other outputs while the charts render', async () => {
    const options = { run: SAMPLE_RUN, minCell: 11, worklist: false, attrition: sampleAttrition(2000), supplementsVisible: false, arrowCopy: false };
    const direct = join(dir, 'direct');
    const prepared = join(dir, 'prepared');
    await withSampleDb(async (db) => {
      await writeReports(db, { ...options, outDir: direct });
      const reports = await prepareReports(db, options);
      // What the run does between the two steps: a COPY on the same connection.
      await db.run(`copy (select * from patient_gaps order by all) to '${join(dir, 'between.csv')}' (header)`);
      const model = await reports.write(prepared);
      expect(model).toBe(reports.model);
    });
    for (const name of ['summary.json', 'summary.md', 'report.html']) {
      expect(await readFile(join(prepared, name), 'utf8'), name).toBe(await readFile(join(direct, name), 'utf8'));
    }
    expect((await readFile(join(prepared, 'report.html'), 'utf8')).match(/<svg /g)?.length ?? 0).toBeGreaterThan(3);
    expect((await readFile(join(dir, 'between.csv'), 'utf8')).split('\n')[0]).toContain('person_id');
  });
});
