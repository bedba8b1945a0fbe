import { determinedUnknowns } from './determinedUnknowns.js';
import type { DisclosureTable } from './disclosureTable.js';

/**
 * Small-cell suppression with complementary suppression (docs/rules.md §7), on any set of linked
 * tables described as counts plus additive lines.
 *
 * - Primary: every count from 1 to minCell - 1 is suppressed (published or derived); 0 is shown.
 * - Complementary, first by the classic rule: while a line (a row or column with its total, a
 *   subtotal, an attrition step) has exactly one unknown member and that member is suppressed,
 *   also suppress the smallest non-zero shown count of that line, taking detail cells before
 *   headline counts (see DisclosureEntry.tier).
 * - Then by audit: while some small count can still be recomputed exactly by combining lines
 *   across every table at once (see determinedUnknowns), suppress the smallest shown count of a
 *   line through it, and go back to the classic rule.
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
    // The rule of docs/rules.md §7 first: a line (row or column with its total, subtotal, attrition step) whose
    // only unknown member is a suppressed count gives that count away; hide one more of its counts.
    const open = table.lines.find((line) => {
      const unknownMembers = [line.total, ...line.parts].filter((key) => unknown.has(key));
      return unknownMembers.length === 1 && suppressed.has(unknownMembers[0]!) || (unknownMembers.length === 1 && sensitive.has(unknownMembers[0]!));
    });
    if (open) {
      const member = [open.total, ...open.parts].find((key) => unknown.has(key))!;
      const complement = chooseComplement(table, unknown, member);
      if (complement === undefined) throw new Error(`suppression: no count left to hide that protects ${member}`);
      unknown.add(complement);
      suppressed.add(complement);
      continue;
    }
    // Then the whole system at once: no small count may follow from any combination of lines.
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

/**
 * The shown count to hide so that `target` stops being recomputable; undefined if none is left.
 * Preference, in order: a count on a line where `target` is the only unknown; the lowest tier
 * (detail cells before headline counts, the grand total last); a count that also closes another
 * line with a single unknown (so one extra suppression does double duty); the smallest value;
 * then key order, for determinism.
 */
function chooseComplement(table: DisclosureTable, unknown: ReadonlySet<string>, target: string): string | undefined {
  type Candidate = { key: string; rank: number[] };
  const openLineMembers = new Set<string>();
  for (const line of table.lines) {
    const members = [line.total, ...line.parts];
    if (members.includes(target)) continue;
    if (members.filter((key) => unknown.has(key)).length === 1) for (const key of members) openLineMembers.add(key);
  }
  const candidates: Candidate[] = [];
  const consider = (key: string, lineUnknowns: number): void => {
    const entry = table.entries.get(key);
    if (!entry || !entry.published || unknown.has(key) || entry.value <= 0) return;
    candidates.push({ key, rank: [lineUnknowns === 1 ? 0 : 1, entry.tier ?? 0, openLineMembers.has(key) ? 0 : 1, entry.value] });
  };
  for (const line of table.lines) {
    const members = [line.total, ...line.parts];
    if (!members.includes(target)) continue;
    const lineUnknowns = members.filter((key) => unknown.has(key)).length;
    for (const key of members) consider(key, lineUnknowns);
  }
  if (candidates.length === 0) for (const key of table.entries.keys()) consider(key, 2);
  candidates.sort((a, b) => {
    for (let index = 0; index < a.rank.length; index++) {
      const difference = a.rank[index]! - b.rank[index]!;
      if (difference !== 0) return difference;
    }
    return a.key.localeCompare(b.key);
  });
  return candidates[0]?.key;
}
