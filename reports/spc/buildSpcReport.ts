import type { RateRow, ShownCount } from '../model/reportModel.js';
import { pChart, type PChartPoint } from './pChart.js';
import { specialCauses, type SignalKind, type SpecialCause } from './specialCauses.js';

/** One plotted month of the p-chart, with the signals that mark it. */
export interface SpcPoint extends PChartPoint {
  signals: SignalKind[];
}

/** The index-month p-chart of a rule (docs/rules.md §9), as every report prints it. */
export interface SpcReport {
  /** Centre line p over the months shown; null when no month can be shown. */
  centre: number | null;
  points: SpcPoint[];
  /** Every special cause, in the order outside limits, shifts, trends, each by first month. */
  signals: SpecialCause[];
  /** Complete index months of the rule (the series before anything is left out). */
  months: number;
  /** Months left out because a count of theirs is suppressed (§7, §9). */
  suppressedMonths: number;
  /** Months left out because they have no open or closed episode (no proportion). */
  emptyMonths: number;
  /** True when more than half of the months with episodes are suppressed: a monthly chart says little. */
  mostSuppressed: boolean;
}

const isShown = (count: ShownCount): count is number => count !== 'suppressed';

/**
 * The p-chart of a rule's complete index months (rows in month order, after suppression):
 * months whose open, closed or judged count is suppressed are left out of the chart, of p and of
 * the runs, and counted; months without a judged episode are left out too (no proportion). Pure.
 */
export function buildSpcReport(months: readonly RateRow[]): SpcReport {
  const suppressed = months.filter((row) => !isShown(row.open) || !isShown(row.closed) || !isShown(row.judged));
  const shown = months.filter((row) => isShown(row.open) && isShown(row.closed) && isShown(row.judged));
  const empty = shown.filter((row) => row.judged === 0);
  const chart = pChart(shown.filter((row) => row.judged !== 0).map((row) => ({ label: row.level, open: row.open as number, judged: row.judged as number })));
  const signals = chart ? specialCauses(chart) : [];
  const points = (chart?.points ?? []).map((point) => ({
    ...point,
    signals: [...new Set(signals.filter((cause) => cause.labels.includes(point.label)).map((cause) => cause.kind))],
  }));
  const withEpisodes = months.length - empty.length;
  return {
    centre: chart?.centre ?? null,
    points,
    signals,
    months: months.length,
    suppressedMonths: suppressed.length,
    emptyMonths: empty.length,
    mostSuppressed: withEpisodes > 0 && suppressed.length * 2 > withEpisodes,
  };
}
