import type { ExactDecimal, FailIfExpression, FailIfOperator } from './failIfExpression.js';
import type { CompleteCohortCounts } from './readFailIfMetrics.js';

/** The outcome of one expression. */
export interface FailIfResult {
  expression: FailIfExpression;
  holds: boolean;
  /** A count, or a rate as open / (open + closed); `undefined` rate: no open or closed episode. */
  value: { kind: 'count'; count: number } | { kind: 'rate'; open: number; closed: number };
}

/** What the expressions are evaluated against (exact, unsuppressed values). */
export interface FailIfMetrics {
  rules: CompleteCohortCounts;
  episodes: number;
  rejected: number;
}

/**
 * Evaluates each expression exactly: counts and rates are compared as rationals against the
 * decimal threshold (7/10 >= 0.7 holds). A gap rate without open or closed episodes in the
 * complete cohort is undefined and its expression does not hold, whatever the operator.
 */
export function evaluateFailIf(expressions: readonly FailIfExpression[], metrics: FailIfMetrics): FailIfResult[] {
  return expressions.map((expression) => {
    if (expression.ruleId === null) {
      const count = expression.metric === 'rejected' ? metrics.rejected : metrics.episodes;
      return { expression, holds: holds(compare(BigInt(count), 1n, expression.threshold), expression.operator), value: { kind: 'count', count } };
    }
    const counts = metrics.rules.get(expression.ruleId) ?? { open: 0, closed: 0, prospective: 0, excluded: 0, not_applicable: 0 };
    if (expression.metric === 'gap_rate') {
      const judged = counts.open + counts.closed;
      const value = { kind: 'rate' as const, open: counts.open, closed: counts.closed };
      if (judged === 0) return { expression, holds: false, value };
      return { expression, holds: holds(compare(BigInt(counts.open), BigInt(judged), expression.threshold), expression.operator), value };
    }
    const count = counts[expression.metric as keyof typeof counts];
    return { expression, holds: holds(compare(BigInt(count), 1n, expression.threshold), expression.operator), value: { kind: 'count', count } };
  });
}

/** Sign of numerator/denominator - threshold, in exact integer arithmetic (denominator > 0). */
function compare(numerator: bigint, denominator: bigint, threshold: ExactDecimal): number {
  const left = numerator * 10n ** BigInt(threshold.scale);
  const right = threshold.numerator * denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

function holds(sign: number, operator: FailIfOperator): boolean {
  switch (operator) {
    case '<':
      return sign < 0;
    case '<=':
      return sign <= 0;
    case '>':
      return sign > 0;
    case '>=':
      return sign >= 0;
    case '==':
      return sign === 0;
    case '!=':
      return sign !== 0;
  }
}
