/** One period of a p-chart: its label (YYYY-MM), open episodes and open + closed (the denominator n). */
export interface PChartInput {
  label: string;
  open: number;
  judged: number;
}

/** One plotted period with its proportion and control limits. */
export interface PChartPoint extends PChartInput {
  /** open / judged. */
  p: number;
  /** Lower control limit, clipped to [0, 1]. */
  lower: number;
  /** Upper control limit, clipped to [0, 1]. */
  upper: number;
}

/** A p-chart: centre line and the per-period points. */
export interface PChart {
  centre: number;
  points: PChartPoint[];
}

/**
 * A p-chart (docs/rules.md §9) over the periods given, in order: centre line
 * p = sum(open) / sum(judged) over those periods, and for each period the control limits
 * p +/- 3 x sqrt(p x (1 - p) / n) with n its judged count, clipped to [0, 1]. The caller leaves out
 * suppressed periods and periods without a judged episode (they have no proportion); a period
 * with judged <= 0 throws. Null when no period is given.
 */
export function pChart(periods: readonly PChartInput[]): PChart | null {
  if (periods.length === 0) return null;
  for (const period of periods) {
    if (!(period.judged > 0) || period.open < 0 || period.open > period.judged) {
      throw new RangeError(`pChart: period ${period.label} has open ${period.open} of ${period.judged}`);
    }
  }
  const open = periods.reduce((sum, period) => sum + period.open, 0);
  const judged = periods.reduce((sum, period) => sum + period.judged, 0);
  const centre = open / judged;
  const points = periods.map((period) => {
    const sigma = Math.sqrt((centre * (1 - centre)) / period.judged);
    return {
      ...period,
      p: period.open / period.judged,
      lower: Math.max(0, centre - 3 * sigma),
      upper: Math.min(1, centre + 3 * sigma),
    };
  });
  return { centre, points };
}
