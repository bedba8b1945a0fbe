// docs/rules.md §7 small cells applied to rule A's cumulative time-to-therapy curve.
import { describe, expect, test } from 'vitest';
import { curveKnots } from '../../reports/model/curveKnots.js';

const days = (pairs: Array<[number, number]>) => pairs.map(([day, treated]) => ({ day, treated }));

describe('curveKnots', () => {
  test('with_suppression_off_every_day_with_a_start_is_a_knot', () => {
    expect(curveKnots(days([[0, 2], [5, 1], [40, 3]]), [30, 90], 0)).toEqual([0, 5, 30, 40, 90]);
  });

  test('a_knot_needs_min_cell_starts_since_the_previous_one_and_none_or_min_cell_before_the_next_fixed_day', () => {
    // Segment (-inf, 30]: 0:6, 3:6 (12 >= 11, 8 left before 30: small, skip), 10:4 (16, 4 left: skip),
    // 20:4 (20, 0 left: knot). Segment (30, 90]: 31:11 (knot, 11 left), 60:11 -> 90 has 0 after it: knot.
    const knots = curveKnots(days([[0, 6], [3, 6], [10, 4], [20, 4], [31, 11], [60, 11]]), [30, 90], 11);
    expect(knots).toEqual([20, 30, 31, 60, 90]);
  });

  test('differences_between_published_cumulative_counts_are_never_small', () => {
    const starts = days(Array.from({ length: 120 }, (_, day) => [day * 3, 1 + (day % 4)] as [number, number]));
    const knots = curveKnots(starts, [30, 90, 180, 365], 11);
    const cumulative = (day: number): number => starts.reduce((sum, row) => sum + (row.day <= day ? row.treated : 0), 0);
    const values = [0, ...knots.map(cumulative)];
    const differences = values.slice(1).map((value, index) => value - values[index]!);
    // Only a fixed day may follow a small increment (that small cell is the disclosure table's job).
    knots.forEach((day, index) => {
      if (![30, 90, 180, 365].includes(day)) expect(differences[index], `day ${day}`).toBeGreaterThanOrEqual(11);
      const next = knots[index + 1];
      if (next !== undefined && [30, 90, 180, 365].includes(next) && ![30, 90, 180, 365].includes(day)) {
        expect(differences[index + 1] === 0 || differences[index + 1]! >= 11, `after day ${day}`).toBe(true);
      }
    });
    expect(knots.length).toBeGreaterThan(10);
  });
});
