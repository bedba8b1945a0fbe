import type { DisclosureLine } from './disclosureTable.js';

const EPSILON = 1e-9;

/**
 * Which unknown entries a reader can recompute exactly from the known ones, using every line
 * (total = sum of parts) at once: unknown x is determined iff the unit vector e_x lies in the row
 * space of the lines restricted to the unknowns. Solved by Gaussian elimination to reduced row
 * echelon form; coefficients are small integers, so floating point with a tolerance is exact enough.
 * Limits: exact recomputation only; bounds a reader can derive from non-negativity are not checked
 * (they only ever pin a cell when its whole line is zero, and 0 is published anyway).
 */
export function determinedUnknowns(lines: readonly DisclosureLine[], unknown: ReadonlySet<string>): Set<string> {
  const columns = [...unknown].sort();
  const columnOf = new Map(columns.map((key, index) => [key, index]));
  const rows: number[][] = [];
  for (const line of lines) {
    const row = new Array<number>(columns.length).fill(0);
    let touches = false;
    const add = (key: string, coefficient: number): void => {
      const column = columnOf.get(key);
      if (column === undefined) return;
      row[column] = (row[column] ?? 0) + coefficient;
      touches = true;
    };
    add(line.total, -1);
    for (const part of line.parts) add(part, 1);
    if (touches) rows.push(row);
  }
  const pivotRows = reduceRowEchelon(rows, columns.length);
  const determined = new Set<string>();
  for (const { row, pivot } of pivotRows) {
    const others = row.some((value, column) => column !== pivot && Math.abs(value) > EPSILON);
    const key = columns[pivot];
    if (!others && key !== undefined) determined.add(key);
  }
  return determined;
}

/** Reduced row echelon form in place; returns the non-zero rows with their pivot column. */
function reduceRowEchelon(rows: number[][], width: number): Array<{ row: number[]; pivot: number }> {
  const result: Array<{ row: number[]; pivot: number }> = [];
  let top = 0;
  for (let column = 0; column < width && top < rows.length; column++) {
    let best = -1;
    for (let r = top; r < rows.length; r++) {
      if (Math.abs(rows[r]![column]!) > EPSILON && (best === -1 || Math.abs(rows[r]![column]!) > Math.abs(rows[best]![column]!))) {
        best = r;
      }
    }
    if (best === -1) continue;
    [rows[top], rows[best]] = [rows[best]!, rows[top]!];
    const pivotRow = rows[top]!;
    const scale = pivotRow[column]!;
    for (let c = column; c < width; c++) pivotRow[c] = pivotRow[c]! / scale;
    for (let r = 0; r < rows.length; r++) {
      if (r === top) continue;
      const row = rows[r]!;
      const factor = row[column]!;
      if (Math.abs(factor) <= EPSILON) continue;
      for (let c = column; c < width; c++) row[c] = row[c]! - factor * pivotRow[c]!;
    }
    result.push({ row: pivotRow, pivot: column });
    top++;
  }
  return result;
}
