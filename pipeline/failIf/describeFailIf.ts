import type { FailIfResult } from './evaluateFailIf.js';

/**
 * One stderr line per expression that held (exit code 3), and one per gap-rate expression left
 * undecided because its rate is undefined. Values are printed for the user to see why; a rule's count
 * from 1 to minCell - 1 is printed as "fewer than minCell" and a rate built on such a count is not
 * printed, like the reports (docs/rules.md §7), though the comparison itself used the exact value.
 */
export function describeFailIf(results: readonly FailIfResult[], minCell: number): string[] {
  const small = (count: number): boolean => minCell > 1 && count >= 1 && count < minCell;
  const shownCount = (count: number): string => (small(count) ? `fewer than ${minCell}` : String(count));
  const lines: string[] = [];
  for (const result of results) {
    const { text } = result.expression;
    const { value } = result;
    if (value.kind === 'rate' && value.open + value.closed === 0) {
      lines.push(`caregap: --fail-if "${text}" does not hold: the gap rate is undefined (no open or closed episode in the complete cohort)`);
      continue;
    }
    if (!result.holds) continue;
    let shown: string;
    // Rejected rows and episodes are counts of the run, printed by the run anyway.
    if (value.kind === 'count') shown = `value ${result.expression.ruleId === null ? value.count : shownCount(value.count)}`;
    else if (small(value.open) || small(value.closed)) shown = 'rate not shown: a small cell';
    else shown = `gap rate ${(value.open / (value.open + value.closed)).toFixed(4)} = ${value.open}/${value.open + value.closed} over the complete cohort`;
    lines.push(`caregap: --fail-if "${text}" holds (${shown})`);
  }
  return lines;
}
