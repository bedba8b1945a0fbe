import type { DisclosureTable } from '../../reports/disclosure/disclosureTable.js';
import { suppressTable } from '../../reports/disclosure/suppressTable.js';
import { diffChanges } from './diffChanges.js';

/** One count of diff.md: rows of run_diff with this rule (or site) and change. */
export type DiffCount = {
  /** The rule id, or the site (null: persons without a site). */
  group: string | null;
  change: string;
  count: number;
};

/** Counts of diff.md as printed: a number or 'suppressed'. */
export interface ShownDiffCounts {
  byRule: (rule: string, change: string | null) => number | 'suppressed';
  bySite: (site: string | null, change: string | null) => number | 'suppressed';
  byChange: (change: string | null) => number | 'suppressed';
}

/**
 * Applies the reports' small-cell suppression (docs/rules.md §7: primary 1..minCell-1, then
 * complementary, across both tables at once) to diff.md's two tables: change x rule and change x
 * site, which share their change totals and grand total. Rules and sites are keyed by their
 * position in `rules` / `sites` (a site value may hold any character).
 */
export function suppressDiffCounts(
  rules: readonly string[],
  sites: ReadonlyArray<string | null>,
  byRule: readonly DiffCount[],
  bySite: readonly DiffCount[],
  minCell: number,
): ShownDiffCounts {
  const ruleIndex = new Map<string | null, number>(rules.map((rule, index) => [rule, index]));
  const siteIndex = new Map<string | null, number>(sites.map((site, index) => [site, index]));
  const value = new Map<string, number>();
  const add = (key: string, count: number): void => {
    value.set(key, (value.get(key) ?? 0) + count);
  };
  const table: DisclosureTable = { entries: new Map(), lines: [] };
  for (const row of byRule) {
    add(`rule|${ruleIndex.get(row.group)}|${row.change}`, row.count);
    add(`rule|${ruleIndex.get(row.group)}`, row.count);
    add(`change|${row.change}`, row.count);
    add('all', row.count);
  }
  for (const row of bySite) {
    add(`site|${siteIndex.get(row.group)}|${row.change}`, row.count);
    add(`site|${siteIndex.get(row.group)}`, row.count);
  }
  const entry = (key: string, tier: number): string => {
    table.entries.set(key, { value: value.get(key) ?? 0, published: true, tier });
    return key;
  };
  entry('all', 3);
  for (const change of diffChanges) entry(`change|${change}`, 2);
  rules.forEach((_, rule) => {
    const parts = diffChanges.map((change) => entry(`rule|${rule}|${change}`, 0));
    table.lines.push({ total: entry(`rule|${rule}`, 2), parts });
  });
  sites.forEach((_, site) => {
    const parts = diffChanges.map((change) => entry(`site|${site}|${change}`, 0));
    table.lines.push({ total: entry(`site|${site}`, 1), parts });
  });
  for (const change of diffChanges) {
    table.lines.push({ total: `change|${change}`, parts: rules.map((_, rule) => `rule|${rule}|${change}`) });
    if (sites.length > 0) table.lines.push({ total: `change|${change}`, parts: sites.map((_, site) => `site|${site}|${change}`) });
  }
  table.lines.push({ total: 'all', parts: diffChanges.map((change) => `change|${change}`) });
  table.lines.push({ total: 'all', parts: rules.map((_, rule) => `rule|${rule}`) });
  if (sites.length > 0) table.lines.push({ total: 'all', parts: sites.map((_, site) => `site|${site}`) });

  let suppressed: Set<string>;
  try {
    suppressed = suppressTable(table, minCell);
  } catch {
    // No complement left to protect a small count (tiny runs): hide every non-zero count.
    suppressed = new Set([...table.entries].filter(([, entry]) => entry.value > 0).map(([key]) => key));
  }
  const shown = (key: string): number | 'suppressed' => (suppressed.has(key) ? 'suppressed' : (value.get(key) ?? 0));
  return {
    byRule: (rule, change) => shown(change === null ? `rule|${ruleIndex.get(rule)}` : `rule|${ruleIndex.get(rule)}|${change}`),
    bySite: (site, change) => shown(change === null ? `site|${siteIndex.get(site)}` : `site|${siteIndex.get(site)}|${change}`),
    byChange: (change) => shown(change === null ? 'all' : `change|${change}`),
  };
}
