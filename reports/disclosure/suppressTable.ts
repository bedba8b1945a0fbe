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
  // Every line's members once, each key's lines, and each line's count of unknown members, kept up
  // to date as counts are hidden: the loops below then scan numbers instead of rebuilding arrays
  // (a report has thousands of lines; rebuilding them each round was most of the model's time).
  const members = table.lines.map((line) => [line.total, ...line.parts]);
  const linesOf = new Map<string, number[]>();
  members.forEach((list, index) => {
    for (const key of list) {
      const lines = linesOf.get(key);
      if (lines === undefined) linesOf.set(key, [index]);
      else if (lines.at(-1) !== index) lines.push(index);
    }
  });
  const unknownCount = new Array<number>(members.length).fill(0);
  const markUnknown = (key: string): void => {
    if (unknown.has(key)) return;
    unknown.add(key);
    for (const index of linesOf.get(key) ?? []) for (const member of members[index]!) if (member === key) unknownCount[index]! += 1;
  };
  for (const [key, entry] of table.entries) {
    if (isSmall(entry.value)) sensitive.add(key);
    if (!entry.published) markUnknown(key);
    else if (isSmall(entry.value)) {
      markUnknown(key);
      suppressed.add(key);
    }
  }
  const index = { members, linesOf, unknownCount };
  for (;;) {
    // The rule of docs/rules.md §7 first: a line (row or column with its total, subtotal, attrition step) whose
    // only unknown member is a suppressed count gives that count away; hide one more of its counts.
    let member: string | undefined;
    for (let line = 0; line < members.length && member === undefined; line++) {
      if (unknownCount[line] !== 1) continue;
      const only = members[line]!.find((key) => unknown.has(key))!;
      if (suppressed.has(only) || sensitive.has(only)) member = only;
    }
    if (member !== undefined) {
      const complement = chooseComplement(table, index, unknown, member);
      if (complement === undefined) throw new Error(`suppression: no count left to hide that protects ${member}`);
      markUnknown(complement);
      suppressed.add(complement);
      continue;
    }
    // Then the whole system at once: no small count may follow from any combination of lines.
    const determined = determinedUnknowns(table.lines, unknown);
    const exposed = [...determined].filter((key) => sensitive.has(key)).sort();
    const target = exposed[0];
    if (target === undefined) return suppressed;
    const complement = chooseComplement(table, index, unknown, target);
    if (complement === undefined) {
      throw new Error(`suppression: no count left to hide that protects ${target}`);
    }
    markUnknown(complement);
    suppressed.add(complement);
  }
}

/** The lines' members, each key's lines (in line order), and each line's count of unknown members. */
interface LineIndex {
  members: string[][];
  linesOf: Map<string, number[]>;
  unknownCount: number[];
}

/**
 * The shown count to hide so that `target` stops being recomputable; undefined if none is left.
 * Preference, in order: a count on a line where `target` is the only unknown; the lowest tier
 * (detail cells before headline counts, the grand total last); a count that also closes another
 * line with a single unknown (so one extra suppression does double duty); the smallest value;
 * then key order, for determinism.
 */
function chooseComplement(table: DisclosureTable, index: LineIndex, unknown: ReadonlySet<string>, target: string): string | undefined {
  type Candidate = { key: string; rank: number[] };
  const targetLines = new Set(index.linesOf.get(target) ?? []);
  // On another line with a single unknown (asked of each candidate's own lines, not of every line).
  const closesOpenLine = (key: string): boolean =>
    (index.linesOf.get(key) ?? []).some((line) => !targetLines.has(line) && index.unknownCount[line] === 1);
  const candidates: Candidate[] = [];
  const consider = (key: string, lineUnknowns: number): void => {
    const entry = table.entries.get(key);
    if (!entry || !entry.published || unknown.has(key) || entry.value <= 0) return;
    candidates.push({ key, rank: [lineUnknowns === 1 ? 0 : 1, entry.tier ?? 0, closesOpenLine(key) ? 0 : 1, entry.value] });
  };
  for (const line of targetLines) {
    const lineUnknowns = index.unknownCount[line]!;
    for (const key of index.members[line]!) consider(key, lineUnknowns);
  }
  if (candidates.length === 0) for (const key of table.entries.keys()) consider(key, 2);
  candidates.sort((a, b) => {
    for (let position = 0; position < a.rank.length; position++) {
      const difference = a.rank[position]! - b.rank[position]!;
      if (difference !== 0) return difference;
    }
    return a.key.localeCompare(b.key);
  });
  return candidates[0]?.key;
}
