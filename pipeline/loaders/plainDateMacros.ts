import type { Db } from '../db.js';

// The date checks' fast path (validate.ts dateCheck: a value that is exactly YYYY-MM-DD, a real day
// from 1900 on and, unless the end is open, not after cg_latest_date()) as two macros, defined for
// the text of the file being loaded. Both forms accept exactly the same values; they differ in cost:
// - `dictionary` (Parquet): GLOB and strptime are functions, which DuckDB evaluates once per
//   distinct value of a dictionary column: a quarter of the cast round trip.
// - `plain` (CSV, JSON): over plain text vectors every expression runs per value, and the round trip
//   through the date type costs about half of GLOB and strptime (200k medical lines: 137 against
//   252 ms of CPU per date column).
// The GLOB fixes the shape, which DuckDB's lenient readers do not (its date cast and strptime read
// ` 2020-1-5 `, the cast also `2020-01-05x`), and for that shape strptime accepts exactly the real
// days; the round trip accepts only the canonical spelling of a real day, which is that shape.
// Comparing such texts is comparing dates. test/loaders/plainDateMacros.test.ts holds both to the
// same answers.

export type TextShape = 'dictionary' | 'plain';

/** How a file's text columns reach the validation statements. */
export function textShapeOf(kind: 'csv' | 'parquet' | 'ndjson'): TextShape {
  return kind === 'parquet' ? 'dictionary' : 'plain';
}

function plainDateTest(shape: TextShape, openEnd: boolean): string {
  const upper = openEnd ? '' : ` and raw <= strftime(cg_latest_date(), '%Y-%m-%d')`;
  return shape === 'dictionary'
    ? `raw glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' and raw >= '1900-01-01'${upper} and try_strptime(raw, '%Y-%m-%d') is not null`
    : `strlen(raw) = 10 and raw >= '1900-01-01'${upper} and cast(try_cast(raw as date) as varchar) = raw`;
}

/**
 * (Re)defines, in the form that suits `shape`, the macros cg_date reads plain dates with:
 * - cg_plain_date(raw) and cg_plain_date_open(raw): the validation fast path above;
 * - cg_plain_date_shape(raw): the cheap part of cg_plain_date, without the parse (the shape where
 *   the text can be tested, and the range 1900 to cg_latest_date());
 * - cg_plain_date_value(raw): for such a text, its day, or null when it is not a real day or not in
 *   its canonical spelling. cg_date parses once this way instead of testing and then parsing.
 */
export async function definePlainDateMacros(db: Db, shape: TextShape): Promise<void> {
  const range = `raw >= '1900-01-01' and raw <= strftime(cg_latest_date(), '%Y-%m-%d')`;
  const shaped = shape === 'dictionary' ? `raw glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' and ${range}` : `strlen(raw) = 10 and ${range}`;
  const value =
    shape === 'dictionary'
      ? `cast(try_strptime(raw, '%Y-%m-%d') as date)`
      : `case when cast(try_cast(raw as date) as varchar) = raw then try_cast(raw as date) end`;
  await db.run(`
    create or replace macro cg_plain_date(raw) as (${plainDateTest(shape, false)});
    create or replace macro cg_plain_date_open(raw) as (${plainDateTest(shape, true)});
    create or replace macro cg_plain_date_shape(raw) as (${shaped});
    create or replace macro cg_plain_date_value(raw) as ${value};`);
}
