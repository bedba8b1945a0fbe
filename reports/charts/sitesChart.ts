import type { TopLevelSpec } from 'vega-lite';
import { isProportion } from '../model/buildReportModel.js';
import type { ReportModel } from '../model/reportModel.js';
import { CHART_WIDTH, FIT_WIDTH, FULL_LABELS } from './chartLayout.js';
import { renderVegaLite } from './renderVegaLite.js';

/** Colours of the rules, in catalog order; other rules take the scheme's next ones. */
const RULE_COLOURS = ['#1f5fa8', '#c77c02', '#6c3483', '#117a65', '#7f8c8d'];

/**
 * Gap rate (complete cohort) with 95% interval by site, one dot and whisker per rule, sites as
 * rows. Suppressed and empty cells are left out. Null when no site rate is shown (or no site).
 */
export async function renderSiteRatesChart(model: ReportModel): Promise<string | null> {
  const points = model.rules.flatMap((rule) =>
    (rule.strata.find((stratum) => stratum.dimension === 'site')?.rows ?? []).flatMap((row) =>
      isProportion(row.gapRate) ? [{ site: row.level, rule: rule.ruleId, rate: row.gapRate.rate, lower: row.gapRate.lower, upper: row.gapRate.upper }] : [],
    ),
  );
  if (points.length === 0) return null;
  const ruleIds = model.rules.map((rule) => rule.ruleId);
  const y = { field: 'site', type: 'nominal', title: null, axis: FULL_LABELS, sort: null } as const;
  const yOffset = { field: 'rule', type: 'nominal', sort: ruleIds } as const;
  const color = { field: 'rule', type: 'nominal', title: 'Rule', sort: ruleIds, scale: { domain: ruleIds, range: RULE_COLOURS.slice(0, ruleIds.length) }, legend: { orient: 'bottom' } } as const;
  const spec: TopLevelSpec = {
    title: 'Gap rate by site and rule (complete cohort), 95% CI',
    width: CHART_WIDTH,
    autosize: FIT_WIDTH,
    height: 14 * ruleIds.length * new Set(points.map((point) => point.site)).size,
    data: { values: points },
    layer: [
      { mark: { type: 'rule' }, encoding: { y, yOffset, color, x: { field: 'lower', type: 'quantitative', title: 'Gap rate', axis: { format: '.0%' }, scale: { domain: [0, 1] } }, x2: { field: 'upper' } } },
      { mark: { type: 'point', filled: true, size: 50 }, encoding: { y, yOffset, color, x: { field: 'rate', type: 'quantitative' } } },
    ],
  };
  return renderVegaLite(spec, 'Gap rate by site and rule');
}

/**
 * Actionable gaps (open and prospective rows of rules A and B) by site: one bar per site and rule,
 * split into open and prospective when both are shown, else the total alone when it is shown
 * (a bar whose counts are all suppressed is left out). Null when no bar can be drawn.
 */
export async function renderActionableChart(model: ReportModel): Promise<string | null> {
  const bars = model.rules.flatMap((rule) =>
    (rule.actionableBySite?.rows ?? []).flatMap((row) => {
      const label = `${row.site} · ${rule.ruleId}`;
      if (typeof row.open === 'number' && typeof row.prospective === 'number') {
        return [
          { label, status: 'open', count: row.open },
          { label, status: 'prospective', count: row.prospective },
        ];
      }
      return typeof row.total === 'number' ? [{ label, status: 'open + prospective (split suppressed)', count: row.total }] : [];
    }),
  );
  if (bars.length === 0) return null;
  const statuses = ['open', 'prospective', 'open + prospective (split suppressed)'];
  const spec: TopLevelSpec = {
    title: 'Actionable gaps by site and rule: open and prospective rows',
    width: CHART_WIDTH,
    autosize: FIT_WIDTH,
    height: 22 * new Set(bars.map((bar) => bar.label)).size,
    data: { values: bars },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'label', type: 'nominal', title: null, axis: FULL_LABELS, sort: null },
      x: { field: 'count', type: 'quantitative', title: 'Rows (episodes)', stack: 'zero' },
      color: { field: 'status', type: 'nominal', title: 'Status', sort: statuses, scale: { domain: statuses, range: ['#b03a2e', '#f0b27a', '#95a5a6'] }, legend: { orient: 'bottom', labelLimit: 0 } },
      order: { field: 'status', sort: 'ascending' },
    },
  };
  return renderVegaLite(spec, 'Actionable gaps by site and rule');
}
