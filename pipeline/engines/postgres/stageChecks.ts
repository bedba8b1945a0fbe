import type { Validation } from '../../loaders/validate.js';
import type { PgDb } from './pgDb.js';

/**
 * PostgreSQL's stageWithChecks (pipeline/loaders/validate.ts), over the same Validation data:
 * `<stage>_reject` (a table) holds each rejected row's __line with the column, value and reason of
 * its first failing check, in the checks' order; `<stage>` (a view) exposes every raw column, the
 * derived expressions and `__reject_reason` (null on good rows). With `duplicates`, `__is_duplicate`
 * marks every row after the first, by __line, with the same key. The only differences from the
 * DuckDB text are PostgreSQL's: every subquery in FROM is named, and fenced with `offset 0` so the
 * planner computes each derived column once per row instead of copying its expression into every
 * check that reads it.
 */
export async function stageChecksInPostgres(db: PgDb, source: string, stage: string, validation: Validation): Promise<void> {
  const { derived = [], checks, duplicates } = validation;
  let from = source;
  if (duplicates) {
    await db.run(`
      create unlogged table ${stage}_dup as
      select __line from (
          select __line, row_number() over (partition by ${duplicates.keys} order by __line) as __copy
          from ${source}
          ${duplicates.where ? `where ${duplicates.where}` : ''}
      ) as keyed
      where __copy > 1`);
    await db.run(`create index on ${stage}_dup (__line)`);
    from = `(select *, __line in (select __line from ${stage}_dup) as __is_duplicate from ${source} offset 0) as with_duplicates`;
  }
  if (derived.length > 0) from = `(select *, ${derived.join(', ')} from ${from} offset 0) as with_derived`;
  const failing =
    checks.length === 0
      ? 'cast(null as integer)'
      : `case ${checks.map((check, index) => `when (${check.problem}) is not null then ${index}`).join(' ')} end`;
  const pick = (what: (check: (typeof checks)[number]) => string): string =>
    checks.length === 0
      ? 'cast(null as text)'
      : `case ${checks.map((check, index) => `when __reject_check = ${index} then ${what(check)}`).join(' ')} end`;
  const judged = `(select *, ${failing} as __reject_check from ${from} offset 0) as judged`;
  await db.run(`
    create unlogged table ${stage}_reject as
    select __line,
           ${pick((check) => `'${check.column}'`)} as __reject_column,
           ${pick((check) => `cast(${check.value} as text)`)} as __reject_value,
           ${pick((check) => check.problem)} as __reject_reason
    from ${judged} where __reject_check is not null`);
  await db.run(`create index on ${stage}_reject (__line)`);
  await db.run(`
    create view ${stage} as
    select *, case when __line in (select __line from ${stage}_reject) then 'rejected' end as __reject_reason
    from ${from}`);
}
