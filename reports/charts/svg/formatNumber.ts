/**
 * A coordinate or length for SVG: fixed 2 decimals with trailing zeros dropped, so the same chart
 * gives the same bytes on every run (no float noise such as 0.30000000000000004). `-0` prints as 0.
 */
export function formatCoordinate(value: number): string {
  const fixed = value.toFixed(2);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** A share as a whole percent (0.4 -> `40%`), for rate axes. */
export function formatPercent(value: number): string {
  return `${formatCoordinate(Math.round(value * 100))}%`;
}

/** A count with comma thousands separators (12345 -> `12,345`), independent of the machine's locale. */
export function formatCount(value: number): string {
  const [whole, fraction] = formatCoordinate(value).split('.');
  const sign = whole!.startsWith('-') ? '-' : '';
  const digits = whole!.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}${fraction ? `.${fraction}` : ''}`;
}

/** A number with one decimal (0.2 -> `0.2`, 1 -> `1.0`), for axes such as PDC. */
export function formatOneDecimal(value: number): string {
  return value.toFixed(1);
}
