import { describe, expect, it } from 'vitest';
import { determinedUnknowns } from '../../reports/disclosure/determinedUnknowns.js';
import type { DisclosureLine } from '../../reports/disclosure/disclosureTable.js';

/**
 * The definition, computed the slow way: one elimination of the whole matrix (every line against
 * every unknown). determinedUnknowns eliminates each block of lines sharing unknowns on its own and
 * must give the same set.
 */
function determinedByWholeMatrix(lines: readonly DisclosureLine[], unknown: ReadonlySet<string>): Set<string> {
  const columns = [...unknown].sort();
  const rows: number[][] = [];
  for (const line of lines) {
    const row = columns.map(() => 0);
    let touches = false;
    for (const [key, coefficient] of [[line.total, -1] as const, ...line.parts.map((part) => [part, 1] as const)]) {
      const column = columns.indexOf(key);
      if (column >= 0) {
        row[column]! += coefficient;
        touches = true;
      }
    }
    if (touches) rows.push(row);
  }
  const pivots: Array<{ row: number[]; column: number }> = [];
  let top = 0;
  for (let column = 0; column < columns.length && top < rows.length; column++) {
    const best = rows.findIndex((row, r) => r >= top && Math.abs(row[column]!) > 1e-9);
    if (best === -1) continue;
    [rows[top], rows[best]] = [rows[best]!, rows[top]!];
    const pivot = rows[top]!;
    const scale = pivot[column]!;
    for (let c = 0; c < columns.length; c++) pivot[c] = pivot[c]! / scale;
    rows.forEach((row, r) => {
      if (r === top) return;
      const factor = row[column]!;
      for (let c = 0; c < columns.length; c++) row[c] = row[c]! - factor * pivot[c]!;
    });
    pivots.push({ row: pivot, column });
    top++;
  }
  // Reduced row echelon form: a pivot row with nothing beside its pivot gives that unknown exactly.
  return new Set(pivots.filter(({ row, column }) => row.every((value, c) => c === column || Math.abs(value) < 1e-9)).map(({ column }) => columns[column]!));
}

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('determinedUnknowns', () => {
  it('finds a cell given away by its row, and leaves a 2x2 block of hidden cells undetermined', () => {
    // Row r0 = a + b with only a hidden: a is determined. c, d, e, f hidden in a 2x2 pattern
    // (rows r1, r2 and columns k1, k2 all published): no combination isolates one of them.
    const lines: DisclosureLine[] = [
      { total: 'r0', parts: ['a', 'b'] },
      { total: 'r1', parts: ['c', 'd'] },
      { total: 'r2', parts: ['e', 'f'] },
      { total: 'k1', parts: ['c', 'e'] },
      { total: 'k2', parts: ['d', 'f'] },
    ];
    expect([...determinedUnknowns(lines, new Set(['a', 'c', 'd', 'e', 'f']))].sort()).toEqual(['a']);
  });

  it('combines lines across a block: a subtotal chain pins the last unknown', () => {
    // t = x + y + z, t = s + z, s = x + y; with x, y, z hidden, z = t - s is determined.
    const lines: DisclosureLine[] = [
      { total: 't', parts: ['x', 'y', 'z'] },
      { total: 't', parts: ['s', 'z'] },
      { total: 's', parts: ['x', 'y'] },
    ];
    expect([...determinedUnknowns(lines, new Set(['x', 'y', 'z']))]).toEqual(['z']);
  });

  it('agrees with one elimination of the whole matrix on random linked tables', () => {
    const next = random(20261127);
    for (let round = 0; round < 300; round++) {
      const keys = Array.from({ length: 4 + Math.floor(next() * 30) }, (_, i) => `k${String(i).padStart(2, '0')}`);
      const pick = (): string => keys[Math.floor(next() * keys.length)]!;
      const lines: DisclosureLine[] = Array.from({ length: 1 + Math.floor(next() * 25) }, () => ({
        total: pick(),
        parts: Array.from({ length: 1 + Math.floor(next() * 4) }, pick),
      }));
      const unknown = new Set(keys.filter(() => next() < 0.4));
      expect([...determinedUnknowns(lines, unknown)].sort(), `round ${round}`).toEqual([...determinedByWholeMatrix(lines, unknown)].sort());
    }
  });
});
