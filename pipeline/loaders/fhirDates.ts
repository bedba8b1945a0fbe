// FHIR dates with a fast path for the shape a bulk export almost always holds, a plain `YYYY-MM-DD`.
// The cg_date* macros (pipeline/sql/macros.sql) match a regular expression and cost several times
// more per value, on every date of every row; the fast path is taken only when it provably gives the
// macro's result, and every other value goes through the macro unchanged, so rejects and loaded
// values cannot differ (test/loaders/fhirFastPaths.test.ts compares them on odd values).

/**
 * SQL: `raw` (text) is a canonical calendar date `YYYY-MM-DD` from 1900-01-01 to 9999-12-31 (no
 * spaces, no time part): then it matches cg_date's pattern, trims to itself, and its date is
 * `try_cast(raw as date)`. The round trip through the date type rejects every other spelling.
 */
function canonicalDateSql(raw: string): string {
  return `(length(${raw}) = 10 and ${raw} >= '1900-01-01' and cast(try_cast(${raw} as date) as varchar) = ${raw})`;
}

/** SQL: a canonical date not after cg_latest_date(), i.e. one cg_date accepts and cg_date_problem passes. */
export function fhirPlainDateSql(raw: string): string {
  return `(${canonicalDateSql(raw)} and try_cast(${raw} as date) <= cg_latest_date())`;
}

/**
 * SQL: exactly `cg_date(raw)`, cheaper for a plain date. `plain`: SQL of a column already holding
 * fhirPlainDateSql(raw), so a line tests its date once for the value and its check.
 */
export function fhirDateSql(raw: string, plain = fhirPlainDateSql(raw)): string {
  return `case when ${plain} then try_cast(${raw} as date) else cg_date(${raw}) end`;
}

/** SQL: exactly `cg_date_problem(raw)` (null for a plain date), cheaper for a plain date. */
export function fhirDateProblemSql(raw: string): string {
  return `case when ${fhirPlainDateSql(raw)} then null else cg_date_problem(${raw}) end`;
}

/**
 * SQL: exactly `cg_open_end_date_problem(raw)`, cheaper for a canonical date (which that macro
 * accepts whatever its year: a far-future end is open-ended).
 */
export function fhirOpenEndDateProblemSql(raw: string): string {
  return `case when ${canonicalDateSql(raw)} then null else cg_open_end_date_problem(${raw}) end`;
}
