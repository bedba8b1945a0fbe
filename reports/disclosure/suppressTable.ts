import { determinedUnknowns } from './determinedUnknowns.js';
import type { DisclosureTable } from './disclosureTable.js';

/**
 * Small-cell suppression with complementary suppression (measures.md §7), on any set of linked
 * tables described as counts plus additive lines.
 *
 * - Primary: every count from 1 to minCell - 1 is suppressed (published or derived); 0 is shown.
 * - Complementary: while some small count can still be recomputed exactly from the shown counts
 *   and the lines (row and column totals, subtotals, attrition steps, across every table at once),
 *   suppress one more count: the smallest non-zero shown count of a line through the exposed cell,
 *   preferring a line where that cell is the only unknown (the classic "if exactly one cell in a
 *   row or column is suppressed, also suppress the next smallest"), and the protected grand total last.
 * - minCell <= 1 turns suppression off (minCell 0 is the documented "off").
 *
 * Returns the keys of the published counts to print as suppressed. Deterministic for the same input.
 */
export function suppressTable(table: DisclosureTable, minCell: number): Set<string> {
  const suppressed = new Set<string>();
  if (minCell <= 1) return suppressed;
  const isSmall = (value: number): boolean => value >= 1 && value < minCell;
  const unknown = new Set<string>();
  const sensitive = new Set<string>();
  for (const [key, entry] of table.entries) {
    if (isSmall(entry.value)) sensitive.add(key);
    if (!entry.published) unknown.add(key);
    else if (isSmall(entry.value)) {
      unknown.add(key);
      suppressed.add(key);
    }
  }
  for (;;) {
    const determined = determinedUnknowns(table.lines, unknown);
    const exposed = [...determined].filter((key) => sensitive.has(key)).sort();
    const target = exposed[0];
    if (target === undefined) return suppressed;
    const complement = chooseComplement(table, unknown, target);
    if (complement === undefined) {
      throw new Error(`suppression: no count left to hide that protects ${target}`);
    }
    unknown.add(complement);
    suppressed.add(complement);
  }
}

/** The shown count to hide so that `target` stops being recomputable; undefined if none is left. */
function chooseComplement(table: DisclosureTable, unknown: ReadonlySet<string>, target: string): string | undefined {
  type Candidate = { key: string; rank: [number, number, number] };
  const candidates: Candidate[] = [];
  const consider = (key: string, lineUnknowns: number): void => {
    const entry = table.entries.get(key);
    if (!entry || !entry.published || unknown.has(key) || entry.value <= 0) return;
    candidates.push({ key, rank: [lineUnknowns === 1 ? 0 : 1, entry.protected ? 1 : 0, entry.value] });
  };
  for (const line of table.lines) {
    const members = [line.total, ...line.parts];
    if (!members.includes(target)) continue;
    const lineUnknowns = members.filter((key) => unknown.has(key)).length;
    for (const key of members) consider(key, lineUnknowns);
  }
  if (candidates.length === 0) for (const key of table.entries.keys()) consider(key, 2);
  candidates.sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.rank[2] - b.rank[2] || a.key.localeCompare(b.key));
  return candidates[0]?.key;
}
