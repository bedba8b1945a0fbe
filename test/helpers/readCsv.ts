import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** A CSV file with a header as one object per row (every value text; empty fields are ''). */
export function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** The header row of a CSV file. */
export function csvHeader(path: string): string[] {
  return (parse(readFileSync(path, 'utf8'), { to_line: 1 }) as string[][])[0] ?? [];
}
