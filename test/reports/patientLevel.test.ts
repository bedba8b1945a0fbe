import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../reports/writeReports.js';
import { patientLevelValues } from './fixtures/patientLevelValues.js';
import { SAMPLE_AS_OF } from './fixtures/syntheticPatientGaps.js';
import { SAMPLE_RUN, sampleAttrition } from './fixtures/sampleRun.js';
import { withSampleDb } from './fixtures/withSampleDb.js';

describe('patient-level values in summary.* and report.html', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caregap-leak-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('appear nowhere without --worklist, even with suppression off', async () => {
    for (const minCell of [11, 0]) {
      const out = join(dir, `min-${minCell}`);
      const values = await withSampleDb(async (db, rows) => {
        await writeReports(db, { outDir: out, run: SAMPLE_RUN, minCell, worklist: false, attrition: sampleAttrition(2000), supplementsVisible: false, arrowCopy: false });
        return patientLevelValues(rows, [SAMPLE_AS_OF]);
      });
      expect(values.length).toBeGreaterThan(4000);
      for (const file of ['summary.json', 'summary.md', 'report.html']) {
        const text = await readFile(join(out, file), 'utf8');
        const leaked = values.filter((value) => text.includes(value));
        expect(leaked, `${file} with min_cell ${minCell}`).toEqual([]);
        expect(text).not.toContain('pid-');
      }
    }
  });

  it('appear in report.html only, as a worklist sorted by due date, with --worklist', async () => {
    const out = join(dir, 'worklist');
    const expected = await withSampleDb(async (db, rows) => {
      await writeReports(db, { outDir: out, run: SAMPLE_RUN, minCell: 11, worklist: true, attrition: sampleAttrition(2000), supplementsVisible: false, arrowCopy: false });
      return rows.filter((row) => row.status === 'open' || row.status === 'prospective');
    });
    const html = await readFile(join(out, 'report.html'), 'utf8');
    const section = html.slice(html.indexOf('<section id="worklist">'));
    expect(section).toContain('identifies patients');
    const rowsInHtml = [...section.matchAll(/<tr><th scope="row">(pid-[^<]+)<\/th><td>([^<]+)<\/td><td>([^<]+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)];
    expect(rowsInHtml.length).toBe(expected.length);
    const dueDates = rowsInHtml.map((match) => match[5]!);
    const withDue = dueDates.filter((date) => date !== '');
    expect(withDue).toEqual([...withDue].sort());
    expect(dueDates.indexOf(withDue[0]!)).toBe(dueDates.length - withDue.length); // rows without a due date (open) first
    for (const file of ['summary.json', 'summary.md']) {
      expect(await readFile(join(out, file), 'utf8')).not.toContain('pid-');
    }
  });
});
