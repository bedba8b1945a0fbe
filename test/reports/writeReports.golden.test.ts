import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../reports/writeReports.js';
import { SAMPLE_RUN, sampleAttrition } from './fixtures/sampleRun.js';
import { withSampleDb } from './fixtures/withSampleDb.js';

const GOLDEN = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

/** Compares `actual` with golden/<name>; rewrites it only with UPDATE_GOLDEN=1. */
async function expectGolden(name: string, actual: string): Promise<void> {
  const path = join(GOLDEN, name);
  if (update) {
    await mkdir(GOLDEN, { recursive: true });
    await writeFile(path, actual);
    return;
  }
  const expected = await readFile(path, 'utf8').catch(() => {
    throw new Error(`golden file ${path} is missing: run UPDATE_GOLDEN=1 npx vitest run test/reports`);
  });
  expect(actual).toBe(expected);
}

describe('writeReports on the fixed synthetic sample', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caregap-reports-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes summary.md and summary.json equal to the golden files (min_cell 11, claims input)', async () => {
    const out = join(dir, 'default');
    await withSampleDb(async (db) =>
      writeReports(db, { outDir: out, run: SAMPLE_RUN, minCell: 11, worklist: false, attrition: sampleAttrition(2000), supplementsVisible: false }),
    );
    await expectGolden('summary.md', await readFile(join(out, 'summary.md'), 'utf8'));
    await expectGolden('summary.json', await readFile(join(out, 'summary.json'), 'utf8'));
  });

  it('writes the golden unsuppressed summary with --min-cell 0, and says suppression is off', async () => {
    const out = join(dir, 'off');
    await withSampleDb(async (db) =>
      writeReports(db, { outDir: out, run: SAMPLE_RUN, minCell: 0, worklist: false, attrition: sampleAttrition(2000), supplementsVisible: true, arrowCopy: false }),
    );
    const markdown = await readFile(join(out, 'summary.md'), 'utf8');
    await expectGolden('summary-min-cell-0.md', markdown);
    for (const file of ['summary.md', 'summary.json', 'report.html']) {
      const text = await readFile(join(out, file), 'utf8');
      expect(text, file).toContain('Small-cell suppression is OFF (--min-cell 0)');
      expect(text, file).not.toContain('suppressed"');
    }
    expect(markdown).not.toContain('(s)');
    expect(markdown).not.toContain('over-the-counter');
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const outputs: string[] = [];
    for (const name of ['a', 'b']) {
      const out = join(dir, `det-${name}`);
      await withSampleDb(async (db) =>
        writeReports(db, { outDir: out, run: SAMPLE_RUN, minCell: 11, worklist: false, attrition: sampleAttrition(2000), supplementsVisible: false, arrowCopy: false }),
      );
      outputs.push((await Promise.all(['summary.json', 'summary.md', 'report.html'].map((file) => readFile(join(out, file), 'utf8')))).join('\n'));
    }
    expect(outputs[0]).toBe(outputs[1]);
  });
});
