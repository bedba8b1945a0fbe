import { isProportion } from '../model/buildReportModel.js';
import type { RateRow } from '../model/reportModel.js';

/** One plotted rate: only rows whose rate is shown (suppressed and empty rows are left out). */
export interface RatePoint {
  label: string;
  rate: number;
  lower: number;
  upper: number;
}

/** The plottable points of rate rows, with `label` made from each row. */
export function ratePoints(rows: readonly RateRow[], label: (row: RateRow) => string = (row) => row.level): RatePoint[] {
  return rows.flatMap((row) =>
    isProportion(row.gapRate) ? [{ label: label(row), rate: row.gapRate.rate, lower: row.gapRate.lower, upper: row.gapRate.upper }] : [],
  );
}
