// docs/rules.md §9 in every format: each special cause named at the months it marks, the months left
// out counted, and quarters offered when most months are suppressed.
import { describe, expect, it } from 'vitest';
import type { RawRuleAggregates } from '../../reports/aggregates/rawAggregates.js';
import { renderCharts } from '../../reports/charts/renderCharts.js';
import { buildReportModel } from '../../reports/model/buildReportModel.js';
import { renderReportHtml } from '../../reports/renderers/reportHtml.js';
import { renderSummaryJson } from '../../reports/renderers/summaryJson.js';
import { renderSummaryMarkdown } from '../../reports/renderers/summaryMarkdown.js';
import { SAMPLE_RUN } from './fixtures/sampleRun.js';

const zero = { open: 0, closed: 0, prospective: 0, excluded: 0, not_applicable: 0 };

/** Rule A whose complete months (2022-01 ...) have the given open counts out of `judged` each. */
function ruleWithMonths(open: readonly number[], judged: number): RawRuleAggregates {
  const indexMonths = open.map((count, index) => ({
    month: `${2022 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`,
    open: count,
    closed: judged - count,
  }));
  const openTotal = open.reduce((sum, count) => sum + count, 0);
  const closedTotal = indexMonths.reduce((sum, month) => sum + month.closed, 0);
  const counts = { ...zero, open: openTotal, closed: closedTotal };
  return {
    ruleId: 'untreated-12m',
    statusCounts: counts,
    completeCounts: counts,
    inProgressCounts: { ...zero },
    excludedByReason: [],
    strata: [],
    indexMonths,
    inProgressMonths: [],
  };
}

async function formats(rule: RawRuleAggregates, minCell: number) {
  const episodes = rule.statusCounts.open + rule.statusCounts.closed;
  const model = buildReportModel({
    run: SAMPLE_RUN,
    attrition: { qualifyingDiagnoses: episodes, personsWithQualifyingDiagnosis: episodes, episodes },
    rules: [rule],
    minCell,
    supplementsVisible: true,
    pseudonymized: false,
  });
  return { model, json: JSON.parse(renderSummaryJson(model)), markdown: renderSummaryMarkdown(model), html: renderReportHtml(model, await renderCharts(model)) };
}

describe('special causes in summary.json, summary.md and report.html', () => {
  it('name_a_trend_of_seven_months_and_a_month_outside_the_limits', async () => {
    // 30, 32, ..., 42 of 100 (7 increasing months), 35 x 4, then 90. p = 482 / 1200 = 0.4017;
    // n = 100: limits 0.4017 +/- 0.1471 = [0.2546, 0.5488]: only 90% is outside. Sides: 6 below,
    // 1 above, 4 below, 1 above: no shift.
    const { json, markdown, html } = await formats(ruleWithMonths([30, 32, 34, 36, 38, 40, 42, 35, 35, 35, 35, 90], 100), 0);
    const signals = json.rules[0].spc.signals as Array<{ kind: string; months: string[]; description: string }>;
    expect(signals.map((signal) => [signal.kind, signal.months[0], signal.months.at(-1)])).toEqual([
      ['outside_limits', '2022-12', '2022-12'],
      ['trend', '2022-01', '2022-07'],
    ]);
    const trend = '2022-01 to 2022-07: 7 months in a row, each higher than the one before (trend)';
    const outside = '2022-12: gap rate above the upper control limit';
    for (const text of [markdown, html]) {
      expect(text).toContain(trend);
      expect(text).toContain(outside);
    }
    expect(json.rules[0].spc.points.find((point: { month: string }) => point.month === '2022-12').signals).toEqual(['outside_limits']);
    expect(html).toContain('id="chart-spc-untreated-12m"');
  });

  it('say_how_many_months_were_left_out_and_offer_quarters_when_most_are_suppressed', async () => {
    // Twelve months of 8 episodes (4 open): every month is a small cell; quarters hold 24.
    const { json, markdown, html, model } = await formats(ruleWithMonths(Array.from({ length: 12 }, () => 4), 8), 11);
    expect(model.rules[0]!.spc).toMatchObject({ months: 12, suppressedMonths: 12, mostSuppressed: true, centre: null });
    expect(json.rules[0].spc.advice).toContain('Most complete index months are suppressed (12 of 12)');
    expect(json.rules[0].quarters.rows.map((row: { quarter: string; open: unknown }) => [row.quarter, row.open])).toEqual([
      ['2022-Q1', 12], ['2022-Q2', 12], ['2022-Q3', 12], ['2022-Q4', 12],
    ]);
    expect(json.rules[0].quarters.spc.centre).toBe(0.5);
    for (const text of [markdown, html]) {
      expect(text).toContain('0 of 12 complete months charted; 12 left out as suppressed.');
      expect(text).toContain('Read the quarterly series instead');
      expect(text).toContain('4 of 4 complete quarters charted; 0 left out as suppressed.');
    }
    expect(html).toContain('id="chart-spc-quarter-untreated-12m"');
  });
});
