import type { RateRow } from '../model/reportModel.js';
import type { SpcReport } from '../spc/buildSpcReport.js';
import type { SignalKind } from '../spc/specialCauses.js';
import { formatCount, formatPercent, formatRate } from './format.js';

/** Short names of the signals, for table cells. */
const SIGNAL_NAMES: Record<SignalKind, string> = {
  outside_limits: 'outside limits',
  shift: 'shift',
  trend: 'trend',
};

/** The signals that mark one point, as table text ('' when none). */
export function signalText(signals: readonly SignalKind[]): string {
  return signals.map((signal) => SIGNAL_NAMES[signal]).join(', ');
}

/**
 * Rows of a period table with the p-chart beside each rate: open, closed, judged, gap rate, the
 * control limits and the signals of the period; '' for periods left out of the chart.
 */
export function spcTableRows(rows: readonly RateRow[], spc: SpcReport): string[][] {
  const points = new Map(spc.points.map((point) => [point.label, point]));
  return rows.map((row) => {
    const point = points.get(row.level);
    return [
      row.level,
      formatCount(row.open),
      formatCount(row.closed),
      formatCount(row.judged),
      formatRate(row.gapRate),
      point ? `${formatPercent(point.lower)}-${formatPercent(point.upper)}` : '',
      point ? signalText(point.signals) : '',
    ];
  });
}

/** Header of spcTableRows' table. */
export function spcTableHeader(periodHeader: string): string[] {
  return [periodHeader, 'Open', 'Closed', 'Judged', 'Gap rate (95% CI)', 'Control limits', 'Signals'];
}

/** The centre line in words. */
export function centreText(spc: SpcReport): string {
  return spc.centre === null ? 'n/a' : formatPercent(spc.centre);
}
