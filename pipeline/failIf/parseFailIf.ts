import { UsageError } from '../errors.js';
import {
  failIfOperators,
  ruleMetrics,
  runMetrics,
  type ExactDecimal,
  type FailIfExpression,
  type FailIfOperator,
  type RuleMetric,
  type RunMetric,
} from './failIfExpression.js';

const shape = /^\s*([A-Za-z0-9_.-]+)\s*(<=|>=|==|!=|<|>)\s*(\S+)\s*$/;
const decimal = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses one `--fail-if` expression: `<rule>.<metric> <op> <number>` (metric gap_rate, open,
 * closed, prospective, excluded or not_applicable) or `rejected|episodes <op> <number>`, op one of
 * <, <=, >, >=, ==, !=. The number is a plain non-negative decimal (`0.7`, `100`); a gap_rate
 * threshold must lie in [0, 1]. Throws UsageError naming the expression and what is wrong.
 */
export function parseFailIf(expression: string, ruleIds: readonly string[]): FailIfExpression {
  const text = expression.trim();
  const fail = (problem: string): never => {
    throw new UsageError(`--fail-if "${text}": ${problem}`);
  };
  const match = shape.exec(expression);
  if (!match) return fail(`expected <rule>.<metric> <op> <number> or rejected <op> <number>, op one of ${failIfOperators.join(' ')}`);
  const [, subject = '', operator = '', number = ''] = match;
  let ruleId: string | null = null;
  let metric: RuleMetric | RunMetric;
  if ((runMetrics as readonly string[]).includes(subject)) {
    metric = subject as RunMetric;
  } else {
    const dot = subject.lastIndexOf('.');
    if (dot < 0) return fail(`unknown metric ${subject} (run-wide metrics: ${runMetrics.join(', ')}; per rule: <rule>.<metric>)`);
    ruleId = subject.slice(0, dot);
    const ruleMetric = subject.slice(dot + 1);
    if (!ruleIds.includes(ruleId)) return fail(`unknown rule ${ruleId} (rules: ${ruleIds.join(', ')})`);
    if (!(ruleMetrics as readonly string[]).includes(ruleMetric)) {
      return fail(`unknown metric ${ruleMetric} (per rule: ${ruleMetrics.join(', ')})`);
    }
    metric = ruleMetric as RuleMetric;
  }
  const threshold = parseDecimal(number);
  if (threshold === undefined) return fail(`${number} is not a number (write a plain decimal such as 0.7 or 100)`);
  if (metric === 'gap_rate' && threshold.numerator > 10n ** BigInt(threshold.scale)) {
    return fail(`a gap rate is a fraction from 0 to 1 (write 0.7, not 70)`);
  }
  return { text, ruleId, metric, operator: operator as FailIfOperator, threshold };
}

/** Parses every expression (e.g. all --fail-if values) before any work; throws on the first bad one. */
export function parseFailIfList(expressions: readonly string[], ruleIds: readonly string[]): FailIfExpression[] {
  return expressions.map((expression) => parseFailIf(expression, ruleIds));
}

function parseDecimal(text: string): ExactDecimal | undefined {
  const match = decimal.exec(text);
  if (!match) return undefined;
  const [, whole = '', fraction = ''] = match;
  return { numerator: BigInt(whole + fraction), scale: fraction.length };
}
