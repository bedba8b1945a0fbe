// docs/rules.md §9: the p-chart and its three special-cause signals, one fixture per signal and
// per edge (6 vs 7 points, a point on the centre line, clipped limits). Expected values by hand.
import { describe, expect, test } from 'vitest';
import { pChart, type PChart } from '../../../reports/spc/pChart.js';
import { outsideLimits, shifts, specialCauses, trends } from '../../../reports/spc/specialCauses.js';

/** Months 2023-01, 2023-02, ... with the given open counts out of `judged` each. */
function chart(open: readonly number[], judged: number | readonly number[] = 10): PChart {
  const n = (index: number): number => (typeof judged === 'number' ? judged : judged[index]!);
  const periods = open.map((count, index) => ({ label: `2023-${String(index + 1).padStart(2, '0')}`, open: count, judged: n(index) }));
  return pChart(periods)!;
}
const months = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, index) => `2023-${String(from + index).padStart(2, '0')}`);

describe('pChart', () => {
  test('centre_is_sum_open_over_sum_judged_and_limits_are_p_plus_minus_3_sigma_per_month', () => {
    // p = (5 + 15) / (10 + 30) = 0.5; n = 10: 3 x sqrt(0.25 / 10) = 0.474342; n = 30: 0.273861.
    const result = chart([5, 15], [10, 30]);
    expect(result.centre).toBe(0.5);
    expect(result.points[0]!.lower).toBeCloseTo(0.025658, 6);
    expect(result.points[0]!.upper).toBeCloseTo(0.974342, 6);
    expect(result.points[1]!.lower).toBeCloseTo(0.226139, 6);
    expect(result.points[1]!.upper).toBeCloseTo(0.773861, 6);
  });

  test('limits_are_clipped_to_0_and_1_and_a_point_at_1_is_not_outside', () => {
    // 19 of 20 open: p = 0.95; n = 5: 3 x sqrt(0.95 x 0.05 / 5) = 0.292404, upper 1.2424 -> 1.
    const result = chart([5, 5, 5, 4], 5);
    expect(result.points.every((point) => point.upper === 1)).toBe(true);
    expect(result.points[0]!.lower).toBeCloseTo(0.657596, 6);
    expect(outsideLimits(result)).toEqual([]);
  });

  test('a_lower_limit_below_0_is_clipped_to_0', () => {
    const result = chart([5, 5, 5, 5, 25, 5, 5, 5, 5, 5], 50);
    expect(result.points.every((point) => point.lower === 0)).toBe(true);
  });

  test('no_period_gives_no_chart_and_a_period_without_judged_episodes_is_refused', () => {
    expect(pChart([])).toBeNull();
    expect(() => pChart([{ label: '2023-01', open: 0, judged: 0 }])).toThrow(/2023-01/);
  });
});

describe('a point outside the control limits', () => {
  test('one_month_at_50_percent_among_months_at_10_percent_is_outside_above', () => {
    // p = (9 x 5 + 25) / 500 = 0.14; n = 50: upper = 0.14 + 3 x sqrt(0.14 x 0.86 / 50) = 0.287214.
    const result = chart([5, 5, 5, 5, 25, 5, 5, 5, 5, 5], 50);
    expect(result.centre).toBeCloseTo(0.14, 12);
    expect(result.points[4]!.upper).toBeCloseTo(0.287214, 6);
    // The outlier splits the nine months below the centre into runs of 4 and 5: no shift.
    expect(specialCauses(result)).toEqual([{ kind: 'outside_limits', direction: 'above', labels: ['2023-05'] }]);
  });

  test('a_month_at_0_percent_is_outside_below_and_a_month_on_the_upper_limit_is_inside', () => {
    // p = 200 / 400 = 0.5 over 4 months of 100; limits 0.5 +/- 3 x 0.05 = [0.35, 0.65].
    // 2023-01 at 0.70 is above, 2023-02 and 2023-03 at 0.65 sit on the limit (inside), 2023-04 at 0 is below.
    const result = chart([70, 65, 65, 0], 100);
    expect(outsideLimits(result)).toEqual([
      { kind: 'outside_limits', direction: 'above', labels: ['2023-01'] },
      { kind: 'outside_limits', direction: 'below', labels: ['2023-04'] },
    ]);
  });
});

describe('a run of 7 or more points on one side of the centre line (shift)', () => {
  test('seven_months_above_then_seven_below_are_two_shifts', () => {
    // 0.6 x 7, 0.4 x 7: p = 0.5; limits 0.5 +/- 0.474: nothing outside; equal values: no trend.
    const result = chart([6, 6, 6, 6, 6, 6, 6, 4, 4, 4, 4, 4, 4, 4]);
    expect(specialCauses(result)).toEqual([
      { kind: 'shift', direction: 'above', labels: months(1, 7) },
      { kind: 'shift', direction: 'below', labels: months(8, 14) },
    ]);
  });

  test('six_months_on_each_side_are_no_shift', () => {
    expect(shifts(chart([6, 6, 6, 6, 6, 6, 4, 4, 4, 4, 4, 4]))).toEqual([]);
  });

  test('a_point_on_the_centre_line_breaks_the_run', () => {
    // 0.6 x 4, 0.5 (on the line), 0.6 x 3, 0.4 x 7: p = (24 + 5 + 18 + 28) / 150 = 0.5 exactly.
    // Above: runs of 4 and 3 (no shift); below: 7 (a shift).
    const result = chart([6, 6, 6, 6, 5, 6, 6, 6, 4, 4, 4, 4, 4, 4, 4]);
    expect(result.centre).toBe(0.5);
    expect(shifts(result)).toEqual([{ kind: 'shift', direction: 'below', labels: months(9, 15) }]);
  });

  test('eight_months_above_with_no_point_on_the_line_are_one_shift_of_eight', () => {
    const result = chart([6, 6, 6, 6, 6, 6, 6, 6, 3, 3, 3, 3, 3, 3, 3, 3, 4]);
    expect(shifts(result)[0]).toEqual({ kind: 'shift', direction: 'above', labels: months(1, 8) });
  });
});

describe('7 or more points each higher or each lower than the one before (trend)', () => {
  test('seven_increasing_months_six_increases_are_a_trend', () => {
    // 0.1 ... 0.7: p = 0.4; limits [0, 0.865]: nothing outside; 3 below, 1 on the line, 3 above: no shift.
    const result = chart([1, 2, 3, 4, 5, 6, 7]);
    expect(result.points[0]!.lower).toBe(0);
    expect(specialCauses(result)).toEqual([{ kind: 'trend', direction: 'increasing', labels: months(1, 7) }]);
  });

  test('six_increasing_months_are_no_trend', () => {
    expect(trends(chart([1, 2, 3, 4, 5, 6]))).toEqual([]);
  });

  test('seven_decreasing_months_are_a_trend', () => {
    expect(trends(chart([7, 6, 5, 4, 3, 2, 1]))).toEqual([{ kind: 'trend', direction: 'decreasing', labels: months(1, 7) }]);
  });

  test('an_equal_value_breaks_the_trend', () => {
    // 1, 2, 3, 3, 4, 5, 6, 7: increasing runs of 3 and 5 points.
    expect(trends(chart([1, 2, 3, 3, 4, 5, 6, 7]))).toEqual([]);
  });

  test('a_turning_point_ends_one_trend_and_starts_the_next', () => {
    const result = chart([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1]);
    expect(trends(result)).toEqual([
      { kind: 'trend', direction: 'increasing', labels: months(1, 7) },
      { kind: 'trend', direction: 'decreasing', labels: months(7, 13) },
    ]);
  });
});
