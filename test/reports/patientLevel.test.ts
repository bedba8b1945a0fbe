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
        // as_of and as_of - 365 (where the complete cohort ends) are run dates, printed on purpose.
        return patientLevelValues(rows, [SAMPLE_AS_OF, '2023-07-01']);
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

  it('appear nowhere with --worklist either: report.html counts actionable gaps per site and points to worklist.csv', async () => {
    const out = join(dir, 'worklist');
    const rows = await withSampleDb(async (db, sample) => {
      await writeReports(db, { outDir: out, run: SAMPLE_RUN, minCell: 0, worklist: true, attrition: sampleAttrition(2000), supplementsVisible: false, arrowCopy: false });
      return sample;
    });
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).not.toContain('pid-');
    expect(html).toContain('<code>worklist.csv</code> beside this report');
    // The per-site counts are the open and prospective rows of rules A and B (worklist.csv's rows).
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as {
      rules: Array<{ ruleId: string; actionableBySite?: { total: number; sites: Array<{ site: string; open: number; prospective: number; total: number }> } }>;
    };
    for (const ruleId of ['untreated-12m', 'calcium-vitamin-d']) {
      const actionable = summary.rules.find((rule) => rule.ruleId === ruleId)!.actionableBySite!;
      const expected = new Map<string, { open: number; prospective: number }>();
      for (const row of rows.filter((candidate) => candidate.rule_id === ruleId)) {
        const counts = expected.get(row.site ?? '(missing)') ?? { open: 0, prospective: 0 };
        if (row.status === 'open') counts.open++;
        if (row.status === 'prospective') counts.prospective++;
        expected.set(row.site ?? '(missing)', counts);
      }
      expect(actionable.sites).toEqual([...expected].sort(([a], [b]) => (a < b ? -1 : 1)).map(([site, counts]) => ({ site, ...counts, total: counts.open + counts.prospective })));
      expect(actionable.total).toBe(rows.filter((row) => row.rule_id === ruleId && (row.status === 'open' || row.status === 'prospective')).length);
    }
    expect(summary.rules.find((rule) => rule.ruleId === 'early-augmentation')!.actionableBySite).toBeUndefined();
  });
});
