import type { Db } from '../db.js';

/** One row-level check: when `problem` (SQL, null when fine) is not null the row is rejected. */
export interface Check {
  /** Column named in rejects.csv. */
  column: string;
  /** SQL for the offending value as text. */
  value: string;
  /** SQL giving the reject reason, or null when the value is acceptable. */
  problem: string;
  /**
   * Optional cheap SQL condition that is true only when `problem` is null (a fast path for the
   * common well-formed value; when false, `problem` decides). Must never be true for a bad value.
   */
  fastOk?: string;
}

/** Rows that repeat an earlier row's key: the second and later by line are duplicates. */
export interface DuplicateKey {
  /** SQL list of the key expressions, e.g. `claim_id, claim_line_number`. */
  keys: string;
  /** SQL condition a row must meet to take part (rows failing it are never duplicates). */
  where?: string;
}

/**
 * A source's row checks, independent of the engine that runs them: the derived expressions, the
 * checks in order and the duplicate key (written with the cg_* functions every engine defines).
 */
export interface Validation {
  derived?: string[];
  checks: Check[];
  duplicates?: DuplicateKey;
}

/** What stageWithChecks is told: the source, its checks, and how to keep the good rows. */
export interface StageOptions {
  /** View (or table) of raw rows with `__line`. */
  source: string;
  /** Name of the stage relation the loader reads its good rows from. */
  stage: string;
  /** Extra columns computed per row (usable by checks and by the loader). */
  derived?: string[];
  checks: Check[];
  duplicates?: DuplicateKey;
  /**
   * false (default): the stage is a view over the source, and only the rejected rows are stored;
   * each statement that reads the stage reads the source again. For files read from Parquet or an
   * in-memory raw table that is cheaper than a copy of every column, and the memory it needs does
   * not grow with the file. true: the stage is a table holding every row with its derived columns,
   * for sources that are expensive to read twice (parsed JSON, joined views).
   */
  materialize?: boolean;
  /**
   * One pass instead of a reject pass: the table `name` is filled while the checks run, one row per
   * rejected line and per good line meeting `keep`, with `line`, `reject_check` (null when good, -1
   * when rejected: the reject table says which check) and
   * the `columns` (SQL over the raw, derived and `__is_duplicate` columns). The reject reasons are
   * then worked out for the rejected lines only. For the loaders that need a per-line summary
   * anyway (claimsEvents.ts), so a file is read once rather than twice.
   */
  lineTable?: LineTable;
}

/** The per-line table a validation pass fills (StageOptions.lineTable). */
export interface LineTable {
  name: string;
  /** Layers of helper columns computed in turn before `columns` (each may use the ones before). */
  layers?: string[][];
  columns: string[];
  /** Which good lines to keep (SQL over the raw columns; rejected lines are always kept). */
  keep: string;
}

/**
 * Validates a raw source. `<stage>` exposes every raw column, the `derived` expressions and
 * `__reject_reason` (null on good rows); `<stage>_reject` holds the rejected rows with
 * `__reject_column`, `__reject_value`, `__reject_reason`. Checks run in the given order, so each
 * rejected row carries exactly one reason (the first failing check) and the ledger adds up.
 *
 * With `duplicates`, the column `__is_duplicate` (usable by checks and derived expressions) marks
 * every row after the first, by line, with the same key. It is found on a narrow table of the key
 * and line (`<stage>_dup`) rather than by a window over the wide raw rows.
 *
 * Cost: each check's `problem` is evaluated once per row; only for rejected rows are the column,
 * value and reason of the failing check computed again.
 */
export async function stageWithChecks(db: Db, options: StageOptions): Promise<void> {
  const { source, stage, derived = [], checks, duplicates, materialize = false, lineTable } = options;
  let from = source;
  // With a line table, the reasons are evaluated again over the rejected lines only.
  let rejectedFrom = lineTable ? `(select * from ${source} where __line in (select line from ${lineTable.name} where reject_check is not null))` : source;
  if (duplicates) {
    await db.run(`
      create table ${stage}_dup as
      select __line from (
          select __line, row_number() over (partition by ${duplicates.keys} order by __line) as __copy
          from ${source}
          ${duplicates.where ? `where ${duplicates.where}` : ''}
      )
      where __copy > 1`);
    from = `(select *, __line in (select __line from ${stage}_dup) as __is_duplicate from ${source})`;
    rejectedFrom = `(select *, __line in (select __line from ${stage}_dup) as __is_duplicate from ${rejectedFrom})`;
  }
  if (derived.length > 0) {
    from = `(select *, ${derived.join(', ')} from ${from})`;
    rejectedFrom = `(select *, ${derived.join(', ')} from ${rejectedFrom})`;
  }
  // Most rows pass every check: a cheap test of all checks first (each check's fastOk, else its
  // problem is null), and the ordered checks only for the rows it does not clear.
  const allOk = checks.map((check) => check.fastOk ?? `(${check.problem}) is null`).join(' and ');
  const failing =
    checks.length === 0
      ? 'cast(null as integer)'
      : `case when coalesce(${allOk}, false) then null else case ${checks.map((check, index) => `when (${check.problem}) is not null then ${index}`).join(' ')} end end`;
  const pick = (what: (check: Check) => string): string =>
    checks.length === 0
      ? 'cast(null as varchar)'
      : `case ${checks.map((check, index) => `when __reject_check = ${index} then ${what(check)}`).join(' ')} end`;
  const judged = `(select *, ${failing} as __reject_check from ${from})`;
  const verdict = `${pick((check) => `'${check.column}'`)} as __reject_column,
           ${pick((check) => `cast(${check.value} as varchar)`)} as __reject_value,
           ${pick((check) => check.problem)} as __reject_reason`;
  if (materialize) {
    await db.run(`create table ${stage} as select * exclude (__reject_check), ${verdict} from ${judged}`);
    await db.run(`
      create view ${stage}_reject as
      select __line, __reject_column, __reject_value, __reject_reason from ${stage} where __reject_reason is not null`);
    return;
  }
  if (lineTable) {
    // The pass only marks a rejected line (-1): which check failed is worked out below for those
    // lines alone, so the big statement carries no reason expressions (less to plan and evaluate).
    const marked = checks.length === 0
      ? `(select *, cast(null as integer) as __reject_check from ${from})`
      : `(select *, case when coalesce(${allOk}, false) then null else -1 end as __reject_check from ${from})`;
    let layered = `(select * from ${marked} where __reject_check is not null or (${lineTable.keep}))`;
    for (const layer of lineTable.layers ?? []) layered = `(select *, ${layer.join(', ')} from ${layered})`;
    await db.run(`
      create table ${lineTable.name} as
      select __line as line, __reject_check as reject_check, ${lineTable.columns.join(', ')}
      from ${layered}`);
    const anyRejected = await db.one<{ found: boolean }>(
      `select exists (select 1 from ${lineTable.name} where reject_check is not null) as found`,
    );
    // No rejected line (the usual case): an empty reject table, without planning the reasons.
    const rejectedRows = anyRejected?.found ? `(select *, ${failing} as __reject_check from ${rejectedFrom})` : `(select *, cast(null as integer) as __reject_check from ${source} where false)`;
    await db.run(`
      create table ${stage}_reject as
      select __line, ${anyRejected?.found ? verdict : 'cast(null as varchar) as __reject_column, cast(null as varchar) as __reject_value, cast(null as varchar) as __reject_reason'}
      from ${rejectedRows} where __reject_check is not null`);
  } else {
    await db.run(`
      create table ${stage}_reject as
      select __line, ${verdict} from ${judged} where __reject_check is not null`);
  }
  // A row is good when its line was not rejected: a semi-join on the (usually tiny) reject table,
  // so reading the stage does not evaluate the checks again.
  await db.run(`
    create view ${stage} as
    select *, case when __line in (select __line from ${stage}_reject) then 'rejected' end as __reject_reason
    from ${from}`);
}

/** Copies the rejected rows of a stage into `load_reject`; returns how many. */
export async function rejectFromStage(db: Db, stage: string, fileName: string): Promise<number> {
  await db.run(
    `insert into load_reject
     select $file, __line, __reject_column, __reject_value, __reject_reason from ${stage}_reject`,
    { file: fileName },
  );
  const row = await db.one<{ n: number }>(`select count(*)::integer as n from ${stage}_reject`);
  return row?.n ?? 0;
}

/** Check: a required text value is present. */
export function required(column: string, reason: string): Check {
  return { column, value: `"${column}"`, problem: `case when cg_blank("${column}") then '${reason}' end` };
}

/**
 * SQL true when `column` is exactly YYYY-MM-DD (no spaces, no time part) and a real calendar day
 * from 1900 on (and not after cg_latest_date() unless `openEnd`): such a value has no date problem.
 * The round trip (the text is exactly what its date prints as) keeps DuckDB's lenient date cast
 * (which reads `2020/1/5` or ` 2020-1-05`) out of it; for such text, comparing texts is comparing dates.
 */
function wellFormedDate(column: string, openEnd = false): string {
  const upper = openEnd ? '' : ` and "${column}" <= strftime(cg_latest_date(), '%Y-%m-%d')`;
  return `(cast(try_cast("${column}" as date) as varchar) = "${column}" and "${column}" >= '1900-01-01'${upper})`;
}

/** Check: a date column parses (blank allowed unless `isRequired`). */
export function dateCheck(column: string, isRequired = false): Check {
  const problem = isRequired
    ? `case when cg_blank("${column}") then 'missing ${column.replaceAll('_', ' ')}' else cg_date_problem("${column}") end`
    : `cg_date_problem("${column}")`;
  const fastOk = isRequired ? wellFormedDate(column) : `("${column}" is null or ${wellFormedDate(column)})`;
  return { column, value: `"${column}"`, problem, fastOk };
}

/**
 * Check: the end of an enrollment or observation span parses and is not before 1900 (blank
 * allowed). Unlike dateCheck a far-future end is accepted: cg_date reads it as null, open-ended.
 */
export function openEndDateCheck(column: string): Check {
  return {
    column,
    value: `"${column}"`,
    problem: `cg_open_end_date_problem("${column}")`,
    fastOk: `("${column}" is null or ${wellFormedDate(column, true)})`,
  };
}

/** Check: a numeric column is a number within [0, ceiling] (blank allowed). */
export function numberCheck(column: string, label: string, ceiling: number): Check {
  return {
    column,
    value: `"${column}"`,
    problem: `cg_num_problem("${column}", '${label}', ${ceiling})`,
    // A value DuckDB reads as a number within range as given reads the same trimmed (cg_num).
    fastOk: `("${column}" is null or try_cast("${column}" as double) between 0 and ${ceiling})`,
  };
}

/** Check: an end date is not before its start date (both already parse). */
export function orderCheck(endColumn: string, startColumn: string): Check {
  return {
    column: endColumn,
    value: `"${endColumn}"`,
    problem: `case when cg_date("${endColumn}") < cg_date("${startColumn}") then 'end before start' end`,
    // Two exact YYYY-MM-DD texts compare as their dates do.
    fastOk: `("${endColumn}" is null or "${startColumn}" is null or ("${endColumn}" >= "${startColumn}"
        and cast(try_cast("${endColumn}" as date) as varchar) = "${endColumn}"
        and cast(try_cast("${startColumn}" as date) as varchar) = "${startColumn}"))`,
  };
}
