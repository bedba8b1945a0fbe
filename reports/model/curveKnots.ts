/**
 * Days at which rule A's cumulative time-to-therapy curve is published (docs/rules.md §7 small
 * cells): every day of `fixedDays` (the table's days 30, 90, 180, 365), plus, between two of them,
 * the days where at least `minCell` episodes have started therapy since the previous published
 * day and either none or at least `minCell` start before the next fixed day. So no difference
 * between two published cumulative counts is a small cell, and the curve keeps its shape at a
 * resolution of min_cell episodes. With minCell <= 1 (suppression off) every day with a start is a
 * knot. `treatedOnDay` holds the starts per day (day >= 0), ascending. Returned ascending, unique.
 */
export function curveKnots(
  treatedOnDay: ReadonlyArray<{ day: number; treated: number }>,
  fixedDays: readonly number[],
  minCell: number,
): number[] {
  const fixed = [...new Set(fixedDays)].sort((a, b) => a - b);
  const knots = new Set<number>(fixed);
  let segmentStart = -Infinity;
  for (const end of fixed) {
    const days = treatedOnDay.filter((row) => row.day > segmentStart && row.day < end && row.treated > 0);
    const atEnd = treatedOnDay.find((row) => row.day === end)?.treated ?? 0;
    const total = days.reduce((sum, row) => sum + row.treated, 0) + atEnd;
    let sinceKnot = 0;
    let cumulative = 0;
    for (const row of days) {
      sinceKnot += row.treated;
      cumulative += row.treated;
      const left = total - cumulative;
      if (minCell <= 1 || (sinceKnot >= minCell && (left === 0 || left >= minCell))) {
        knots.add(row.day);
        sinceKnot = 0;
      }
    }
    segmentStart = end;
  }
  return [...knots].sort((a, b) => a - b);
}
