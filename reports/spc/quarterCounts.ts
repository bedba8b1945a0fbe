import type { MonthCounts } from '../aggregates/rawAggregates.js';

/** Open and closed counts of one complete quarter (label YYYY-Qn) and the months it sums. */
export interface QuarterCounts {
  quarter: string;
  open: number;
  closed: number;
  months: string[];
}

/**
 * Sums complete index months (YYYY-MM, in order) into calendar quarters. A quarter is listed only
 * when it is complete (docs/rules.md §7 applied to its last month: last day + 365 <= as_of), so a
 * quarter never mixes cohorts. Months before the first listed one have no episode and count as 0.
 */
export function quarterCounts(months: readonly MonthCounts[], asOf: string): QuarterCounts[] {
  const quarters = new Map<string, QuarterCounts>();
  for (const month of months) {
    const [year, monthNumber] = month.month.split('-').map(Number) as [number, number];
    const quarterNumber = Math.floor((monthNumber - 1) / 3) + 1;
    const label = `${year}-Q${quarterNumber}`;
    const quarter = quarters.get(label) ?? { quarter: label, open: 0, closed: 0, months: [] };
    quarter.open += month.open;
    quarter.closed += month.closed;
    quarter.months.push(month.month);
    quarters.set(label, quarter);
  }
  return [...quarters.values()].filter((quarter) => {
    const [year, quarterNumber] = [Number(quarter.quarter.slice(0, 4)), Number(quarter.quarter.slice(6))];
    const lastDay = new Date(Date.UTC(year, quarterNumber * 3, 0));
    lastDay.setUTCDate(lastDay.getUTCDate() + 365);
    return lastDay.toISOString().slice(0, 10) <= asOf;
  });
}
