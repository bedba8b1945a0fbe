import { describe, expect, it } from 'vitest';
import type { RawRuleAggregates } from '../../reports/aggregates/rawAggregates.js';
import { determinedUnknowns } from '../../reports/disclosure/determinedUnknowns.js';
import { suppressTable } from '../../reports/disclosure/suppressTable.js';
import { buildDisclosureTable } from '../../reports/model/buildDisclosureTable.js';
import { buildReportModel } from '../../reports/model/buildReportModel.js';
import { SUPPLEMENTS_CAVEAT } from '../../reports/model/labels.js';
import { renderSummaryJson } from '../../reports/renderers/summaryJson.js';
import { renderSummaryMarkdown } from '../../reports/renderers/summaryMarkdown.js';
import { SAMPLE_RUN } from './fixtures/sampleRun.js';

/**
 * Rule A with 100 episodes: 80 in the complete cohort (30 open, 50 closed), 20 in progress (10
 * prospective, 4 closed so far, 6 excluded); site "Tiny" has a cell of 3 open.
 */
function ruleA(): RawRuleAggregates {
  return {
    ruleId: 'untreated-12m',
    statusCounts: { open: 30, closed: 54, prospective: 10, excluded: 6, not_applicable: 0 },
    completeCounts: { open: 30, closed: 50, prospective: 0, excluded: 0, not_applicable: 0 },
    inProgressCounts: { open: 0, closed: 4, prospective: 10, excluded: 6, not_applicable: 0 },
    excludedByReason: [{ reason: 'died', count: 6 }],
    strata: [
      { dimension: 'site', level: 'Big', open: 15, closed: 25 },
      { dimension: 'site', level: 'Mid', open: 12, closed: 15 },
      { dimension: 'site', level: 'Tiny', open: 3, closed: 10 },
    ],
    indexMonths: [{ month: '2023-01', open: 30, closed: 50 }],
    inProgressMonths: [{ month: '2024-01', counts: { open: 0, closed: 4, prospective: 10, excluded: 6, not_applicable: 0 } }],
    timeToTherapy: { treatedOnDay: [{ day: 30, treated: 20 }, { day: 90, treated: 15 }, { day: 180, treated: 10 }, { day: 365, treated: 5 }], medianDays: 40 },
  };
}

const input = (minCell: number, supplementsVisible = true) => ({
  run: SAMPLE_RUN,
  attrition: { qualifyingDiagnoses: 250, personsWithQualifyingDiagnosis: 100, episodes: 100 },
  rules: [ruleA()],
  minCell,
  supplementsVisible,
  pseudonymized: false,
});

describe('buildReportModel', () => {
  it('suppresses a cell of 3 and its complement in the same column, with their rates', () => {
    const model = buildReportModel(input(11));
    const site = model.rules[0]!.strata.find((stratum) => stratum.dimension === 'site')!.rows;
    const tiny = site.find((row) => row.level === 'Tiny')!;
    expect(tiny.open).toBe('suppressed');
    expect(tiny.gapRate).toBe('suppressed');
    // The next smallest open count in the column (Mid, 12) goes too, so 30 - 15 - ? cannot give the 3 back.
    const mid = site.find((row) => row.level === 'Mid')!;
    expect(mid.open).toBe('suppressed');
    expect(site.find((row) => row.level === 'Big')!.open).toBe(15);
    // And Tiny's row cannot give it back either: its judged or closed count is hidden.
    expect(tiny.closed === 'suppressed' || tiny.judged === 'suppressed').toBe(true);
    // The rule's headline survives.
    expect(model.rules[0]!.statusCounts.open).toBe(30);
    expect(model.rules[0]!.gapRate).not.toBe('suppressed');
  });

  it('rates the complete cohort only and shows the in-progress cohort as counts beside it', () => {
    const rule = buildReportModel(input(0)).rules[0]!;
    // 30 / (30 + 50), not 30 / (30 + 54): the 4 closed so far are in progress.
    expect(rule.gapRate).toMatchObject({ rate: 30 / 80 });
    expect(rule.judged).toBe(80);
    expect(rule.complete.statusCounts).toEqual({ open: 30, closed: 50, prospective: 0, excluded: 0, not_applicable: 0 });
    expect(rule.inProgress).toMatchObject({ episodes: 20, judged: 4, statusCounts: { closed: 4, prospective: 10, excluded: 6 } });
    expect(rule.statusCounts.closed).toBe(54);
    expect(rule.attrition.at(-1)).toMatchObject({ step: 'in_progress_judged', removed: 4, remaining: 80 });
    expect(rule.inProgressMonths).toEqual([{ month: '2024-01', counts: { open: 0, closed: 4, prospective: 10, excluded: 6, not_applicable: 0 }, total: 20 }]);
    expect(rule.timeToTherapy!.treatedByDay.map((row) => row.treated)).toEqual([20, 35, 45, 50]);
  });

  it('hides the in-progress month cells that are small, with a complement', () => {
    const rule = buildReportModel(input(11)).rules[0]!;
    const month = rule.inProgressMonths[0]!;
    expect(month.counts.closed).toBe('suppressed');
    expect(month.counts.excluded).toBe('suppressed');
    // In-progress closed (4) is small wherever it appears.
    expect(rule.inProgress.statusCounts.closed).toBe('suppressed');
  });

  it('shows 0, and shows everything with min_cell 0 and says so', () => {
    const off = buildReportModel(input(0));
    expect(off.disclosure.enabled).toBe(false);
    expect(off.disclosure.note).toContain('OFF');
    expect(off.rules[0]!.strata[0]!.rows.find((row) => row.level === 'Tiny')!.open).toBe(3);
    expect(off.rules[0]!.statusCounts.not_applicable).toBe(0);
    expect(renderSummaryMarkdown(off)).toContain('Small-cell suppression is OFF');
  });

  it('leaves no small count recomputable from all the lines of the report at once', () => {
    const { table } = buildDisclosureTable([ruleA()], input(11).attrition);
    const hidden = suppressTable(table, 11);
    const unknown = new Set([...hidden, ...[...table.entries].filter(([, entry]) => !entry.published).map(([key]) => key)]);
    const small = [...table.entries].filter(([, entry]) => entry.value >= 1 && entry.value < 11).map(([key]) => key);
    expect(small.length).toBeGreaterThan(0);
    const determined = determinedUnknowns(table.lines, unknown);
    expect(small.filter((key) => determined.has(key) || !unknown.has(key))).toEqual([]);
  });

  it('puts the supplements caveat next to calcium-vitamin-d in JSON and Markdown when supplements are invisible', () => {
    const ruleB: RawRuleAggregates = { ...ruleA(), ruleId: 'calcium-vitamin-d' };
    delete ruleB.timeToTherapy;
    const model = buildReportModel({ ...input(11, false), rules: [ruleA(), ruleB] });
    expect(model.rules[1]!.caveats).toEqual([SUPPLEMENTS_CAVEAT]);
    expect(model.rules[0]!.caveats).toEqual([]);
    const markdown = renderSummaryMarkdown(model);
    const section = markdown.slice(markdown.indexOf('(`calcium-vitamin-d`)\n'));
    expect(section.split('\n').slice(0, 4).join('\n')).toContain('over-the-counter');
    expect(JSON.parse(renderSummaryJson(model)).rules[1].caveats[0]).toContain('over-the-counter');
    const visible = buildReportModel({ ...input(11, true), rules: [ruleA(), ruleB] });
    expect(visible.rules[1]!.caveats).toEqual([]);
  });
});
