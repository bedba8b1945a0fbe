/**
 * Whether `text` is an ISO date `YYYY-MM-DD` that exists on the calendar (2024-02-29 yes,
 * 2024-02-30 and 2024-13-45 no). Years 0001-9999 only, as DuckDB's DATE parses them.
 */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
