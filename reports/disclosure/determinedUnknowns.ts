import type { DisclosureLine } from './disclosureTable.js';

const EPSILON = 1e-9;

/**
 * Which unknown entries a reader can recompute exactly from the known ones, using every line
 * (total = sum of parts) at once: unknown x is determined iff the unit vector e_x lies in the row
 * space of the lines restricted to the unknowns. Solved by Gaussian elimination to reduced row
 * echelon form; coefficients are small integers, so floating point with a tolerance is exact enough.
 * Limits: exact recomputation only; bounds a reader can derive from non-negativity are not checked
 * (they only ever pin a cell when its whole line is zero, and 0 is published anyway).
 *
 * The lines fall apart into groups that share no unknown (one rule's tables, one stratum): the
 * matrix is block diagonal, and each block is eliminated on its own. Same answer as one elimination
 * of the whole matrix, at a fraction of the cost (a report has hundreds of unknowns, and this runs
 * once per complementary suppression).
 */
export function determinedUnknowns(lines: readonly DisclosureLine[], unknown: ReadonlySet<string>): Set<string> {
  const lineColumns: Array<Map<string, number>> = [];
  for (const line of lines) {
    const row = new Map<string, number>();
    const add = (key: string, coefficient: number): void => {
      if (unknown.has(key)) row.set(key, (row.get(key) ?? 0) + coefficient);
    };
    add(line.total, -1);
    for (const part of line.parts) add(part, 1);
    if (row.size > 0) lineColumns.push(row);
  }
  const determined = new Set<string>();
  for (const block of blocks(lineColumns)) {
    const columns = [...block.keys].sort();
    const columnOf = new Map(columns.map((key, index) => [key, index]));
    const rows = block.rows.map((sparse) => {
      const row = new Array<number>(columns.length).fill(0);
      for (const [key, value] of sparse) row[columnOf.get(key)!] = value;
      return row;
    });
    for (const { row, pivot } of reduceRowEchelon(rows, columns.length)) {
      const others = row.some((value, column) => column !== pivot && Math.abs(value) > EPSILON);
      const key = columns[pivot];
      if (!others && key !== undefined) determined.add(key);
    }
  }
  return determined;
}

/** The rows grouped into blocks that share no column (union-find over the columns), rows in order. */
function blocks(rows: Array<Map<string, number>>): Array<{ keys: Set<string>; rows: Array<Map<string, number>> }> {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let node = key; node !== root; ) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const row of rows) {
    let first: string | undefined;
    for (const key of row.keys()) {
      if (!parent.has(key)) parent.set(key, key);
      if (first === undefined) first = find(key);
      else {
        const root = find(key);
        if (root !== first) parent.set(root, first);
      }
    }
  }
  const byRoot = new Map<string, { keys: Set<string>; rows: Array<Map<string, number>> }>();
  for (const row of rows) {
    const root = find(row.keys().next().value!);
    let block = byRoot.get(root);
    if (block === undefined) byRoot.set(root, (block = { keys: new Set(), rows: [] }));
    block.rows.push(row);
    for (const key of row.keys()) block.keys.add(key);
  }
  return [...byRoot.values()];
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
