import { readFileSync } from 'node:fs';
import { parseCsv } from '../helpers/parseCsv.js';

/** patient_gaps.csv as a header and rows of fields. */
export interface GapsTable {
  header: string[];
  rows: string[][];
}

/** Reads a patient_gaps.csv (quoted fields allowed: evidence_display holds display texts with commas). */
export function readGaps(path: string): GapsTable {
  const [header = [], ...rows] = parseCsv(readFileSync(path, 'utf8'));
  return { header, rows };
}

/** The values of one column, in file order. */
export function column(table: GapsTable, name: string): string[] {
  const index = table.header.indexOf(name);
  if (index < 0) throw new Error(`no column ${name}`);
  return table.rows.map((row) => row[index] ?? '');
}

/**
 * The first `limit` rows (as text, 1-based data row numbers) where two tables differ once the
 * `ignored` columns are blanked in both; an empty list when they are identical. A different header
 * or row count is reported as a difference too.
 */
export function differingRows(left: GapsTable, right: GapsTable, ignored: string[], limit = 10): string[] {
  if (left.header.join(',') !== right.header.join(',')) return [`header: ${left.header.join(',')} | ${right.header.join(',')}`];
  const blanked = ignored.map((name) => left.header.indexOf(name));
  const text = (row: string[] | undefined): string =>
    row === undefined ? '(no row)' : row.map((value, index) => (blanked.includes(index) ? '' : value)).join(',');
  const differences: string[] = [];
  for (let k = 0; k < Math.max(left.rows.length, right.rows.length) && differences.length < limit; k += 1) {
    const a = text(left.rows[k]);
    const b = text(right.rows[k]);
    if (a !== b) differences.push(`row ${k + 1}:\n    ${a}\n    ${b}`);
  }
  if (left.rows.length !== right.rows.length) differences.push(`row count ${left.rows.length} vs ${right.rows.length}`);
  return differences;
}
