import type { ShownCount, ShownRate } from '../model/reportModel.js';

/** How a suppressed count or rate is printed in the Markdown and HTML reports. */
export const SUPPRESSED_MARK = '(s)';

/** A count as text: the number, or the suppressed mark. */
export function formatCount(count: ShownCount): string {
  return count === 'suppressed' ? SUPPRESSED_MARK : String(count);
}

/** A percentage with one decimal, e.g. 41.2%. */
export function formatPercent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** A rate with its 95% interval, e.g. "41.2% (36.1-46.5)"; the suppressed mark; or "n/a" without a denominator. */
export function formatRate(rate: ShownRate): string {
  if (rate === 'suppressed') return SUPPRESSED_MARK;
  if (rate === null) return 'n/a';
  return `${formatPercent(rate.rate)} (${(rate.lower * 100).toFixed(1)}-${(rate.upper * 100).toFixed(1)})`;
}

/** A number rounded to 4 decimals, for JSON output that stays byte-stable. */
export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Human text of a run parameter value. */
export function formatParameter(value: unknown): string {
  if (value === null || value === undefined) return '(default)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
