/** Comparison operators a --fail-if expression may use. */
export const failIfOperators = ['<=', '>=', '==', '!=', '<', '>'] as const;
export type FailIfOperator = (typeof failIfOperators)[number];

/** Per-rule metrics over the complete cohort (docs/rules.md §7). */
export const ruleMetrics = ['gap_rate', 'open', 'closed', 'prospective', 'excluded', 'not_applicable'] as const;
export type RuleMetric = (typeof ruleMetrics)[number];

/** Run-wide metrics: input rows rejected, and episodes found (all of them, not only the complete cohort). */
export const runMetrics = ['rejected', 'episodes'] as const;
export type RunMetric = (typeof runMetrics)[number];

/**
 * A threshold as an exact decimal: value = numerator / 10^scale, so that a rate exactly at the
 * threshold (e.g. 7/10 against 0.7) compares as equal, with no floating-point rounding.
 */
export interface ExactDecimal {
  numerator: bigint;
  scale: number;
}

/** One parsed `--fail-if` expression. */
export interface FailIfExpression {
  /** The expression as the user wrote it (trimmed), for messages. */
  text: string;
  /** The rule id, or null for a run-wide metric. */
  ruleId: string | null;
  metric: RuleMetric | RunMetric;
  operator: FailIfOperator;
  threshold: ExactDecimal;
}
