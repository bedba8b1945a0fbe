import { isProportion } from '../model/buildReportModel.js';
import type { ReportModel } from '../model/reportModel.js';
import { CHART_WIDTH } from './chartLayout.js';
import { formatCount } from './svg/formatNumber.js';
import { niceZeroDomain, ticks } from './svg/linearScale.js';
import { rateAxis } from './svg/rateAxis.js';
import { rowsFrame } from './svg/rowsFrame.js';
import { dot, line, rect } from './svg/shapes.js';
import { group } from './svg/svgElement.js';

/** Colours of the rules, in catalog order; further rules reuse them from the start. */
const RULE_COLOURS = ['#1f5fa8', '#c77c02', '#6c3483', '#117a65', '#7f8c8d'];

/** Colours of the actionable statuses, in legend (and stacking) order. */
const STATUSES = [
  { status: 'open', colour: '#b03a2e' },
  { status: 'prospective', colour: '#f0b27a' },
  { status: 'open + prospective (split suppressed)', colour: '#95a5a6' },
] as const;

/** Height in px of one rule's line within a site's row; of one bar of the actionable chart. */
const RULE_LINE_HEIGHT = 14;
const BAR_ROW_HEIGHT = 22;

/**
 * Gap rate (complete cohort) with 95% interval by site, one dot and whisker per rule (colour per
 * rule, with a legend), sites as rows and the rules as lines within each row. Suppressed and empty
 * cells are left out. Null when no site rate is shown (or no site).
 */
export async function renderSiteRatesChart(model: ReportModel): Promise<string | null> {
  const points = model.rules.flatMap((rule) =>
    (rule.strata.find((stratum) => stratum.dimension === 'site')?.rows ?? []).flatMap((row) =>
      isProportion(row.gapRate) ? [{ site: row.level, rule: rule.ruleId, rate: row.gapRate.rate, lower: row.gapRate.lower, upper: row.gapRate.upper }] : [],
    ),
  );
  if (points.length === 0) return null;
  const ruleIds = model.rules.map((rule) => rule.ruleId);
  const colour = (ruleId: string): string => RULE_COLOURS[ruleIds.indexOf(ruleId) % RULE_COLOURS.length]!;
  const sites = [...new Set(points.map((point) => point.site))];
  const frame = rowsFrame({
    title: 'Gap rate by site and rule (complete cohort), 95% CI',
    label: 'Gap rate by site and rule',
    width: CHART_WIDTH,
    rows: sites,
    plotHeight: RULE_LINE_HEIGHT * ruleIds.length * sites.length,
    xAxis: rateAxis('Gap rate'),
    legend: { title: 'Rule', entries: ruleIds.map((ruleId) => ({ label: ruleId, colour: colour(ruleId), shape: 'circle' as const })) },
  });
  const { x, y } = frame;
  // Each site's band is split into one line per rule, in catalog order.
  const lineY = (site: string, ruleId: string): number => y.start(site) + (y.bandwidth / ruleIds.length) * (ruleIds.indexOf(ruleId) + 0.5);
  return frame.render([
    group(points.map((point) => line(x(point.lower), lineY(point.site, point.rule), x(point.upper), lineY(point.site, point.rule), { stroke: colour(point.rule) })), { class: 'interval' }),
    group(points.map((point) => dot(x(point.rate), lineY(point.site, point.rule), 50, { fill: colour(point.rule) })), { class: 'rate' }),
  ]);
}

/**
 * Actionable gaps (open and prospective rows of rules A and B) by site: one bar per site and rule,
 * split into open and prospective when both are shown, else the total alone when it is shown
 * (a bar whose counts are all suppressed is left out), stacked from zero. Null when no bar can be drawn.
 */
export async function renderActionableChart(model: ReportModel): Promise<string | null> {
  const bars = model.rules.flatMap((rule) =>
    (rule.actionableBySite?.rows ?? []).flatMap((row) => {
      const label = `${row.site} · ${rule.ruleId}`;
      if (typeof row.open === 'number' && typeof row.prospective === 'number') {
        return [
          { label, status: STATUSES[0].status as string, count: row.open },
          { label, status: STATUSES[1].status as string, count: row.prospective },
        ];
      }
      return typeof row.total === 'number' ? [{ label, status: STATUSES[2].status as string, count: row.total }] : [];
    }),
  );
  if (bars.length === 0) return null;
  const labels = [...new Set(bars.map((bar) => bar.label))];
  const totals = new Map<string, number>();
  for (const bar of bars) totals.set(bar.label, (totals.get(bar.label) ?? 0) + bar.count);
  const domain = niceZeroDomain(Math.max(...totals.values()), 10, true);
  const frame = rowsFrame({
    title: 'Actionable gaps by site and rule: open and prospective rows',
    label: 'Actionable gaps by site and rule',
    width: CHART_WIDTH,
    rows: labels,
    plotHeight: BAR_ROW_HEIGHT * labels.length,
    xAxis: { domain, values: ticks(domain[0], domain[1], 10, true), format: formatCount, title: 'Rows (episodes)' },
    legend: { title: 'Status', entries: STATUSES.map(({ status, colour }) => ({ label: status, colour, shape: 'square' as const })) },
  });
  const { x, y } = frame;
  const colour = new Map<string, string>(STATUSES.map(({ status, colour: fill }) => [status, fill]));
  // Stacked in legend order from zero: open first, then prospective.
  const stacked = new Map<string, number>();
  const rects = bars.map((bar) => {
    const from = stacked.get(bar.label) ?? 0;
    stacked.set(bar.label, from + bar.count);
    return rect(x(from), y.start(bar.label) + y.bandwidth * 0.1, x(from + bar.count) - x(from), y.bandwidth * 0.8, { fill: colour.get(bar.status) });
  });
  return frame.render([group(rects, { class: 'bar' })]);
}
