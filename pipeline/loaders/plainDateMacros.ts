import type { Db } from '../db.js';

// The date checks' fast path (validate.ts dateCheck: a value that is exactly YYYY-MM-DD, a real day
// from 1900 on and, unless the end is open, not after cg_latest_date()) and cg_date's first branch
// (macros.sql) as macros, defined for the text of the file being loaded. Both forms accept exactly
// the same values; they differ in cost:
// - `dictionary` (Parquet): GLOB and strptime are functions, which DuckDB evaluates once per
//   distinct value of a dictionary column: a quarter of the cast round trip.
// - `plain` (CSV, JSON): over plain text vectors every expression runs per value, and the round trip
//   through the date type costs about half of GLOB and strptime (200k medical lines: 137 against
//   252 ms of CPU per date column).
// The GLOB fixes the shape, which DuckDB's lenient readers do not (its date cast and strptime read
// ` 2020-1-5 `, the cast also `2020-01-05x`), and for that shape strptime accepts exactly the real
// days; the round trip accepts only the canonical spelling of a real day, which is that shape.
// Comparing such texts is comparing dates. test/loaders/plainDateMacros.test.ts holds both to the
// same answers, and cg_date to the general date reading.

export type TextShape = 'dictionary' | 'plain';

/** How a file's text columns reach the validation statements. */
export function textShapeOf(kind: 'csv' | 'parquet' | 'ndjson'): TextShape {
  return kind === 'parquet' ? 'dictionary' : 'plain';
}

/** The cheap part of the test: the shape, and the range from 1900 (to cg_latest_date() unless `openEnd`). */
function shapeAndRange(shape: TextShape, openEnd: boolean): string {
  const upper = openEnd ? '' : ` and raw <= strftime(cg_latest_date(), '%Y-%m-%d')`;
  const form = shape === 'dictionary' ? `raw glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'` : 'strlen(raw) = 10';
  return `${form} and raw >= '1900-01-01'${upper}`;
}

/** For a text of that shape: true when it is a real day in its canonical spelling. */
function parses(shape: TextShape): string {
  return shape === 'dictionary' ? `try_strptime(raw, '%Y-%m-%d') is not null` : `cast(try_cast(raw as date) as varchar) = raw`;
}

/**
 * (Re)defines, in the form that suits `shape`:
 * - cg_plain_date(raw) and cg_plain_date_open(raw): the validation fast path above;
 * - cg_plain_date_shape(raw): its cheap part, without the parse;
 * - cg_plain_date_value(raw): for a text of that shape, its day, or null when it is not a real day
 *   in its canonical spelling. cg_date reads a plain date with these two, parsing it once.
 */
export async function definePlainDateMacros(db: Db, shape: TextShape): Promise<void> {
  const value = shape === 'dictionary' ? `cast(try_strptime(raw, '%Y-%m-%d') as date)` : `case when ${parses(shape)} then try_cast(raw as date) end`;
  await db.run(`
    create or replace macro cg_plain_date(raw) as (${shapeAndRange(shape, false)} and ${parses(shape)});
    create or replace macro cg_plain_date_open(raw) as (${shapeAndRange(shape, true)} and ${parses(shape)});
    create or replace macro cg_plain_date_shape(raw) as (${shapeAndRange(shape, false)});
    create or replace macro cg_plain_date_value(raw) as ${value};`);
}
