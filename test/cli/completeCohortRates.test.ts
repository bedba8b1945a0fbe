// docs/rules.md §7: summary.json's gap rates are over the complete cohort (index_date + 365 <= as_of),
// checked against patient_gaps.csv read independently of the pipeline (plain CSV parsing in JS).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvObjects } from '../helpers/parseCsv.js';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir } from '../helpers/tempDir.js';

const sample = join(import.meta.dirname, '..', '..', 'sample-data', 'claims');
const temp = makeTempDir();
afterAll(() => temp.cleanup());

const addDays = (date: string, days: number): string => {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
};

interface SummaryRule {
  ruleId: string;
  counts: Record<string, number | 'suppressed'>;
  completeCohort: { counts: Record<string, number | 'suppressed'> };
  gapRate: { rate: number } | 'suppressed' | null;
  indexMonths: Array<{ month: string; open: number | 'suppressed'; closed: number | 'suppressed' }>;
}

describe('summary.json gap rates on the claims sample', () => {
  const out = join(temp.dir, 'out');
  let gaps: Array<Record<string, string>>;
  let summary: { run: { asOf: string }; rules: SummaryRule[] };
  beforeAll(() => {
    const result = runCli(['run', '--input', sample, '--out', out, '--quiet', '--min-cell', '0', '--no-arrow']);
    expect(result.code, result.stderr).toBe(0);
    gaps = parseCsvObjects(readFileSync(join(out, 'patient_gaps.csv'), 'utf8'));
    summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  });

  it('equal open / (open + closed) over episodes with index_date + 365 <= as_of, for every rule', () => {
    const asOf = summary.run.asOf;
    const complete = gaps.filter((row) => addDays(row.index_date!, 365) <= asOf);
    const inProgress = gaps.filter((row) => addDays(row.index_date!, 365) > asOf);
    // The sample must exercise the cut: in-progress episodes exist and some are closed already.
    expect(inProgress.some((row) => row.status === 'closed')).toBe(true);
    for (const rule of summary.rules) {
      const open = complete.filter((row) => row.rule_id === rule.ruleId && row.status === 'open').length;
      const closed = complete.filter((row) => row.rule_id === rule.ruleId && row.status === 'closed').length;
      expect(rule.completeCohort.counts.open, rule.ruleId).toBe(open);
      expect(rule.completeCohort.counts.closed, rule.ruleId).toBe(closed);
      if (open + closed === 0) expect(rule.gapRate).toBeNull();
      else expect((rule.gapRate as { rate: number }).rate, rule.ruleId).toBeCloseTo(open / (open + closed), 4);
      // counts are for all episodes.
      expect(rule.counts.closed).toBe(gaps.filter((row) => row.rule_id === rule.ruleId && row.status === 'closed').length);
    }
  });

  it('list only complete index months, whose counts come from every episode of the month', () => {
    const asOf = summary.run.asOf;
    for (const rule of summary.rules) {
      for (const month of rule.indexMonths) {
        const lastDay = new Date(Date.UTC(Number(month.month.slice(0, 4)), Number(month.month.slice(5, 7)), 0)).toISOString().slice(0, 10);
        expect(addDays(lastDay, 365) <= asOf, `${rule.ruleId} ${month.month}`).toBe(true);
        const rows = gaps.filter((row) => row.rule_id === rule.ruleId && row.index_date!.startsWith(month.month));
        expect(month.open).toBe(rows.filter((row) => row.status === 'open').length);
        expect(month.closed).toBe(rows.filter((row) => row.status === 'closed').length);
      }
    }
  });

  it('write evidence_display as the last column of patient_gaps.csv, filled for closed rows with evidence', () => {
    expect(Object.keys(gaps[0]!).at(-1)).toBe('evidence_display');
    const withEvidence = gaps.filter((row) => row.status === 'closed' && row.evidence_code !== '');
    expect(withEvidence.length).toBeGreaterThan(0);
    expect(withEvidence.every((row) => row.evidence_display !== '')).toBe(true);
  });
});
