import type { Db } from '../db.js';
import type { Check } from './validate.js';

// Validation of a FHIR NDJSON file whose checks ran while it was parsed (ndjsonTable.ts): the parse
// statement stores each line's derived columns and the index of its first failing check, so the
// resources are not read again for the checks, and the reasons are worked out for rejected lines only.

/**
 * SQL: the index of the first of `checks` whose problem is not null, null when every check passes.
 * Most lines pass every check: a cheap test of all of them first (each check's fastOk, else its
 * problem is null), the ordered checks only for the lines it does not clear (as validate.ts does).
 */
export function failingCheckSql(checks: Check[], offset = 0): string {
  if (checks.length === 0) return 'cast(null as integer)';
  const allOk = checks.map((check) => check.fastOk ?? `(${check.problem}) is null`).join(' and ');
  const ordered = checks.map((check, index) => `when (${check.problem}) is not null then ${index + offset}`).join(' ');
  return `case when coalesce(${allOk}, false) then null else case ${ordered} end end`;
}

/** What fhirStage is told: the parsed lines, the checks the parse ran, and checks that need the line number. */
export interface FhirStageOptions {
  /** View of the parsed lines (`src_<n>`): `__line`, the parse's columns and `__reject_check`. */
  source: string;
  /** Name of the view of good lines, and prefix of `<stage>_reject`. */
  stage: string;
  /** The checks the parse evaluated, in order (`__reject_check` is an index into them). */
  checks: Check[];
  /**
   * Checks evaluated here, after the parse's, on lines that passed those (for checks that need
   * `__line` or other lines, such as a duplicate id): indexes follow on from `checks`.
   */
  lateChecks?: Check[];
}

/**
 * Writes `<stage>_reject` (`__line`, `__reject_column`, `__reject_value`, `__reject_reason` of each
 * rejected line: its first failing check) and the view `<stage>` of the good lines. Each check's
 * column, value and reason are computed for the rejected lines only.
 */
export async function fhirStage(db: Db, options: FhirStageOptions): Promise<void> {
  const { source, stage, checks, lateChecks = [] } = options;
  const all = [...checks, ...lateChecks];
  const late = lateChecks.length === 0 ? '__reject_check' : `coalesce(__reject_check, ${failingCheckSql(lateChecks, checks.length)})`;
  const pick = (what: (check: Check) => string): string =>
    `case ${all.map((check, index) => `when __failing = ${index} then ${what(check)}`).join(' ')} end`;
  await db.run(`
    create table ${stage}_reject as
    select __line,
           ${pick((check) => `'${check.column}'`)} as __reject_column,
           ${pick((check) => `cast(${check.value} as varchar)`)} as __reject_value,
           ${pick((check) => check.problem)} as __reject_reason
    from (select *, ${late} as __failing from ${source})
    where __failing is not null`);
  const good = lateChecks.length === 0 ? '' : ` and __line not in (select __line from ${stage}_reject)`;
  await db.run(`create view ${stage} as select * from ${source} where __reject_check is null${good}`);
}
