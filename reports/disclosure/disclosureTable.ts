/** One count a report may publish, with what the suppression needs to know about it. */
export interface DisclosureEntry {
  value: number;
  /**
   * False for counts that are never printed but can be derived (e.g. "treated between day 31 and
   * day 90" when the cumulative counts are printed). They count as unknown, and are protected
   * like published counts when small.
   */
  published: boolean;
  /**
   * How much readers need this count, 0 (default: a cell of a detail table, an attrition
   * remainder) to 3 (the grand total). Complements are taken from the lowest tier first, so the
   * headline counts and rates survive a small cell deep in a stratum.
   */
  tier?: number;
}

/** `total` = sum of `parts`: a row or column of a table with its total, or a step of the attrition. */
export interface DisclosureLine {
  total: string;
  parts: string[];
}

/** Every count of a report and every additive relation a reader could use to recompute one. */
export interface DisclosureTable {
  entries: Map<string, DisclosureEntry>;
  lines: DisclosureLine[];
}
