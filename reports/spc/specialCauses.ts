import type { PChart, PChartPoint } from './pChart.js';

/** The three special-cause signals of docs/rules.md §9 (NHS England "Making Data Count"). */
export type SignalKind = 'outside_limits' | 'shift' | 'trend';

/** One special cause: what it is, its direction, and the periods (labels, in order) it marks. */
export interface SpecialCause {
  kind: SignalKind;
  /** outside_limits and shift: above / below (the limit or the centre line); trend: increasing / decreasing. */
  direction: 'above' | 'below' | 'increasing' | 'decreasing';
  labels: string[];
}

/** Points in a run or trend that make a signal (§9: "7 or more"). */
export const SIGNAL_RUN_POINTS = 7;

/**
 * Two proportions closer than this are equal: p and the centre line are ratios of integers
 * computed in floating point, so "a point on the line" must tolerate rounding.
 */
const ON_THE_LINE = 1e-12;

/** A point strictly above its upper or below its lower control limit (a point on a limit is inside). */
export function outsideLimits(chart: PChart): SpecialCause[] {
  return chart.points.flatMap((point): SpecialCause[] => {
    if (point.p > point.upper + ON_THE_LINE) return [{ kind: 'outside_limits', direction: 'above', labels: [point.label] }];
    if (point.p < point.lower - ON_THE_LINE) return [{ kind: 'outside_limits', direction: 'below', labels: [point.label] }];
    return [];
  });
}

/**
 * Shifts: every maximal run of `minPoints` (7) or more consecutive points on the same side of the
 * centre line. A point on the line belongs to neither side: it ends the run, and the next run
 * starts after it.
 */
export function shifts(chart: PChart, minPoints = SIGNAL_RUN_POINTS): SpecialCause[] {
  const side = (point: PChartPoint): 'above' | 'below' | null =>
    Math.abs(point.p - chart.centre) <= ON_THE_LINE ? null : point.p > chart.centre ? 'above' : 'below';
  return maximalRuns(chart.points, (previous, point) => side(point) !== null && side(previous) === side(point), (run) =>
    side(run[0]!) === null ? null : { kind: 'shift', direction: side(run[0]!)! },
  ).filter((cause) => cause.labels.length >= minPoints);
}

/**
 * Trends: every maximal run of `minPoints` (7) or more consecutive points each higher, or each
 * lower, than the one before. We count points, as Making Data Count does: 7 points are 6
 * consecutive increases (the first point is the run's base). Equal consecutive values are neither
 * higher nor lower: they end the trend. A turning point can end one trend and start the next.
 */
export function trends(chart: PChart, minPoints = SIGNAL_RUN_POINTS): SpecialCause[] {
  const causes: SpecialCause[] = [];
  for (const direction of ['increasing', 'decreasing'] as const) {
    const step = (previous: PChartPoint, point: PChartPoint): boolean =>
      direction === 'increasing' ? point.p > previous.p + ON_THE_LINE : point.p < previous.p - ON_THE_LINE;
    causes.push(...maximalRuns(chart.points, step, () => ({ kind: 'trend', direction })));
  }
  return causes.filter((cause) => cause.labels.length >= minPoints).sort((a, b) => labelIndex(chart, a) - labelIndex(chart, b));
}

/** Every special cause of a chart: points outside the limits, shifts, trends, each in period order. */
export function specialCauses(chart: PChart): SpecialCause[] {
  return [...outsideLimits(chart), ...shifts(chart), ...trends(chart)];
}

/**
 * Splits points into maximal runs in which each point continues the run of the one before
 * (`continues(previous, point)`), and describes each run (`describe`, null to drop it).
 */
function maximalRuns(
  points: readonly PChartPoint[],
  continues: (previous: PChartPoint, point: PChartPoint) => boolean,
  describe: (run: PChartPoint[]) => Omit<SpecialCause, 'labels'> | null,
): SpecialCause[] {
  const causes: SpecialCause[] = [];
  let run: PChartPoint[] = [];
  const close = (): void => {
    const description = run.length > 0 ? describe(run) : null;
    if (description) causes.push({ ...description, labels: run.map((point) => point.label) });
  };
  points.forEach((point, index) => {
    if (index > 0 && continues(points[index - 1]!, point)) run.push(point);
    else {
      close();
      run = [point];
    }
  });
  close();
  return causes;
}

function labelIndex(chart: PChart, cause: SpecialCause): number {
  return chart.points.findIndex((point) => point.label === cause.labels[0]);
}
