import { describe, expect, it } from 'vitest';
import { determinedUnknowns } from '../../reports/disclosure/determinedUnknowns.js';
import type { DisclosureTable } from '../../reports/disclosure/disclosureTable.js';
import { suppressTable } from '../../reports/disclosure/suppressTable.js';

/** A table of cells with row totals, column totals and a protected grand total. */
function grid(cells: number[][]): DisclosureTable {
  const entries: DisclosureTable['entries'] = new Map();
  const lines: DisclosureTable['lines'] = [];
  const columns = cells[0]!.length;
  cells.forEach((row, r) => {
    row.forEach((value, c) => entries.set(`c${r}${c}`, { value, published: true }));
    entries.set(`r${r}`, { value: row.reduce((a, b) => a + b, 0), published: true });
    lines.push({ total: `r${r}`, parts: row.map((_, c) => `c${r}${c}`) });
  });
  for (let c = 0; c < columns; c++) {
    entries.set(`k${c}`, { value: cells.reduce((a, row) => a + row[c]!, 0), published: true });
    lines.push({ total: `k${c}`, parts: cells.map((_, r) => `c${r}${c}`) });
  }
  const grand = cells.flat().reduce((a, b) => a + b, 0);
  entries.set('grand', { value: grand, published: true, tier: 3 });
  lines.push({ total: 'grand', parts: cells.map((_, r) => `r${r}`) });
  lines.push({ total: 'grand', parts: Array.from({ length: columns }, (_, c) => `k${c}`) });
  return { entries, lines };
}

/** Independent check of docs/rules.md §7 as worded: no line (row or column with its total) has exactly one hidden member. */
function linesWithOneHidden(table: DisclosureTable, hidden: Set<string>): string[] {
  return table.lines.filter((line) => [line.total, ...line.parts].filter((key) => hidden.has(key)).length === 1).map((line) => line.total);
}

describe('suppressTable', () => {
  it('hides a cell of 3 and its complement, the next smallest non-zero cell of the row', () => {
    // One row: 3, 40, 25, 0, total 68 (no column totals).
    const values = [3, 40, 25, 0];
    const table: DisclosureTable = {
      entries: new Map([...values.map((value, c) => [`c0${c}`, { value, published: true }] as const), ['r0', { value: 68, published: true }]]),
      lines: [{ total: 'r0', parts: values.map((_, c) => `c0${c}`) }],
    };
    const hidden = suppressTable(table, 11);
    expect(hidden.has('c00')).toBe(true);
    expect(hidden.has('c02')).toBe(true); // 25 is the next smallest non-zero
    expect(hidden.has('c01')).toBe(false);
    expect(hidden.has('c03')).toBe(false); // 0 is shown
    expect(hidden.has('r0')).toBe(false);
  });

  it('protects a small cell in both its row and its column', () => {
    const table = grid([
      [3, 40, 25],
      [30, 50, 60],
      [20, 35, 45],
    ]);
    const hidden = suppressTable(table, 11);
    expect(hidden.has('c00')).toBe(true);
    expect(linesWithOneHidden(table, hidden)).toEqual([]);
    // The classic pattern: the 3, the next smallest of its row (25) and column (20), and the cell closing the rectangle.
    expect([...hidden].sort()).toEqual(['c00', 'c02', 'c20', 'c22']);
    const unknown = new Set(hidden);
    expect([...determinedUnknowns(table.lines, unknown)].filter((key) => key === 'c00')).toEqual([]);
  });

  it('hides every count from 1 to min_cell - 1 and none of 0 or min_cell', () => {
    const table = grid([[0, 1, 10, 11, 50], [5, 20, 30, 40, 60]]);
    const hidden = suppressTable(table, 11);
    expect(hidden.has('c00')).toBe(false);
    expect(hidden.has('c01')).toBe(true);
    expect(hidden.has('c02')).toBe(true);
    expect(hidden.has('c03')).toBe(false);
  });

  it('is off with min_cell 0', () => {
    expect(suppressTable(grid([[3, 40, 25]]), 0).size).toBe(0);
  });

  it('protects derived counts that are never printed', () => {
    // Cumulative counts 20 then 23: the 3 between them is derived and must not be recoverable.
    const entries: DisclosureTable['entries'] = new Map([
      ['by30', { value: 20, published: true }],
      ['by90', { value: 23, published: true }],
      ['between', { value: 3, published: false }],
    ]);
    const table: DisclosureTable = { entries, lines: [{ total: 'by90', parts: ['by30', 'between'] }] };
    const hidden = suppressTable(table, 11);
    expect(hidden.has('by30') || hidden.has('by90')).toBe(true);
  });
});

describe('determinedUnknowns', () => {
  it('finds a cell recomputable only by combining lines', () => {
    // a + b = T1 (known), b + c = T2 (known), c known => b then a are determined.
    const lines = [
      { total: 'T1', parts: ['a', 'b'] },
      { total: 'T2', parts: ['b', 'c'] },
    ];
    expect([...determinedUnknowns(lines, new Set(['a', 'b']))].sort()).toEqual(['a', 'b']);
    expect([...determinedUnknowns(lines, new Set(['a', 'b', 'c']))]).toEqual([]);
  });
});
