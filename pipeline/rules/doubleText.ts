/**
 * A double as DuckDB casts it to text (the shortest text that reads back to the same number; a
 * whole number keeps ".0"; scientific notation below 1e-4 and from 1e16 on, with a two-digit
 * exponent at least), so the value-set hash keeps its value now that value sets are loaded in
 * JavaScript. Limit: checked for the magnitudes value sets hold (doses, units), not every double.
 */
export function doubleText(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Object.is(value, -0)) return '-0.0';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
    const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
    const sign = exponent.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  const text = String(value);
  return text.includes('.') ? text : `${text}.0`;
}
