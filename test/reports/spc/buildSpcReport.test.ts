// docs/rules.md §9: suppressed months are left out of the chart, of p and of the runs, and counted;
// most months suppressed is flagged (the report then offers quarters).
import { describe, expect, test } from 'vitest';
import type { RateRow, ShownCount } from '../../../reports/model/reportModel.js';
import { buildSpcReport } from '../../../reports/spc/buildSpcReport.js';
import { quarterCounts } from '../../../reports/spc/quarterCounts.js';
import { wilsonInterval } from '../../../reports/wilsonInterval.js';

function row(month: string, open: ShownCount, closed: ShownCount): RateRow {
  const judged = open === 'suppressed' || closed === 'suppressed' ? 'suppressed' : open + closed;
  return { level: month, open, closed, judged, gapRate: typeof open === 'number' && typeof judged === 'number' ? wilsonInterval(open, judged) : 'suppressed' };
}

describe('buildSpcReport', () => {
  test('suppressed_months_are_left_out_of_p_and_the_runs_and_counted', () => {
    // Shown: 6/10 x 3, then 2/10; suppressed months would otherwise sit between them.
    const rows = [
      row('2023-01', 6, 4), row('2023-02', 'suppressed', 8), row('2023-03', 6, 4),
      row('2023-04', 6, 4), row('2023-05', 'suppressed', 'suppressed'), row('2023-06', 2, 8), row('2023-07', 0, 0),
    ];
    const spc = buildSpcReport(rows);
    // p = (6 + 6 + 6 + 2) / 40 = 0.5 over the four shown months with judged episodes.
    expect(spc.centre).toBe(0.5);
    expect(spc.points.map((point) => point.label)).toEqual(['2023-01', '2023-03', '2023-04', '2023-06']);
    expect(spc).toMatchObject({ months: 7, suppressedMonths: 2, emptyMonths: 1, mostSuppressed: false });
  });

  test('most_months_suppressed_is_flagged', () => {
    const rows = [row('2023-01', 'suppressed', 9), row('2023-02', 'suppressed', 9), row('2023-03', 20, 20), row('2023-04', 0, 0)];
    // 2 of the 3 months with episodes are suppressed.
    expect(buildSpcReport(rows)).toMatchObject({ suppressedMonths: 2, emptyMonths: 1, mostSuppressed: true });
  });

  test('half_suppressed_is_not_most', () => {
    expect(buildSpcReport([row('2023-01', 'suppressed', 9), row('2023-02', 20, 20)]).mostSuppressed).toBe(false);
  });

  test('every_month_suppressed_gives_no_centre_and_no_points', () => {
    const spc = buildSpcReport([row('2023-01', 'suppressed', 9)]);
    expect(spc).toMatchObject({ centre: null, points: [], signals: [], mostSuppressed: true });
  });

  test('points_carry_the_signals_that_mark_them', () => {
    const rows = ['01', '02', '03', '04', '05', '06', '07'].map((month, index) => row(`2023-${month}`, index + 1, 9 - index));
    const spc = buildSpcReport(rows);
    expect(spc.points.every((point) => point.signals.includes('trend'))).toBe(true);
  });
});

describe('quarterCounts', () => {
  test('sums_complete_months_into_complete_quarters_only', () => {
    // as_of 2024-06-30: 2023-06-30 + 365 = 2024-06-29 <= as_of, so 2023-Q2 is complete; 2023-Q3 is not.
    const months = [
      { month: '2023-02', open: 1, closed: 2 }, { month: '2023-03', open: 3, closed: 4 },
      { month: '2023-04', open: 5, closed: 6 }, { month: '2023-05', open: 0, closed: 1 }, { month: '2023-06', open: 2, closed: 2 },
      { month: '2023-07', open: 9, closed: 9 },
    ];
    expect(quarterCounts(months, '2024-06-30')).toEqual([
      { quarter: '2023-Q1', open: 4, closed: 6, months: ['2023-02', '2023-03'] },
      { quarter: '2023-Q2', open: 7, closed: 9, months: ['2023-04', '2023-05', '2023-06'] },
    ]);
    expect(quarterCounts(months, '2024-06-28').map((quarter) => quarter.quarter)).toEqual(['2023-Q1']);
  });
});
