/** One count a report may publish, with what the suppression needs to know about it. */
export interface DisclosureEntry {
  value: number;
  /**
   * False for counts that are never printed but can be derived (e.g. "treated between day 31 and
   * day 90" when the cumulative counts are printed). They count as unknown, and are protected
   * like published counts when small.
   */
  published: boolean;
  /** Suppressed only as a last resort when a complement is needed (the grand total). */
  protected?: boolean;
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
