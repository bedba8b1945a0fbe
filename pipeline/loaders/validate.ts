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
   * rejected line and per good line meeting `keep`, with `line`, `reject_check` (null when good) and
   * the `columns` (SQL over the raw, derived and `__is_duplicate` columns). The reject reasons are
   * then worked out for the rejected lines only. For the loaders that need a per-line summary
   * anyway (claimsEvents.ts), so a file is read once rather than twice.
   */
  lineTable?: LineTable;
  /**
   * false: no `<stage>` view of the good rows is created (a loader with a line table that reads
   * only that table and the reject table). Default true.
   */
  stageView?: boolean;
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
 * every row after the first, by line, with the same key. It is found beforehand over the key and
 * line only (findDuplicates, into `<stage>_dup`) rather than by a window over the wide raw rows.
 *
 * Cost: each check's `problem` is evaluated once per row; only for rejected rows are the column,
 * value and reason of the failing check computed again.
 */
export async function stageWithChecks(db: Db, options: StageOptions): Promise<void> {
  const { source, stage, derived = [], checks, duplicates, materialize = false, lineTable, stageView = true } = options;
  let from = source;
  // With a line table, the reasons are evaluated again over the rejected lines only.
  let rejectedFrom = lineTable ? `(select * from ${source} where __line in (select line from ${lineTable.name} where reject_check is not null))` : source;
  if (duplicates) {
    await findDuplicates(db, source, stage, duplicates);
    from = `(select *, __line in (select __line from ${stage}_dup) as __is_duplicate from ${source})`;
    rejectedFrom = `(select *, __line in (select __line from ${stage}_dup) as __is_duplicate from ${rejectedFrom})`;
  }
  if (derived.length > 0) {
    from = `(select *, ${derived.join(', ')} from ${from})`;
    rejectedFrom = `(select *, ${derived.join(', ')} from ${rejectedFrom})`;
  }
  // Most rows pass every check: a cheap test of all checks first (each check's fastOk, else its
  // problem is null), and the ordered checks only for the rows it does not clear. The test is a
  // case condition as it stands, not wrapped in coalesce: a null leads to the ordered checks too,
  // and DuckDB then evaluates the conjunction by narrowing the rows instead of combining vectors.
  const allOk = checks.map((check) => check.fastOk ?? `(${check.problem}) is null`).join(' and ');
  const failing =
    checks.length === 0
      ? 'cast(null as integer)'
      : `case when ${allOk} then null else case ${checks.map((check, index) => `when (${check.problem}) is not null then ${index}`).join(' ')} end end`;
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
    let layered = `(select * from ${judged} where __reject_check is not null or (${lineTable.keep}))`;
    for (const layer of lineTable.layers ?? []) layered = `(select *, ${layer.join(', ')} from ${layered})`;
    await db.run(`
      create table ${lineTable.name} as
      select __line as line, __reject_check as reject_check, ${lineTable.columns.join(', ')}
      from ${layered}`);
    const anyRejected = await db.one<{ found: boolean }>(
      `select exists (select 1 from ${lineTable.name} where reject_check is not null) as found`,
    );
    if (anyRejected?.found) {
      await db.run(`
        create table ${stage}_reject as
        select __line, ${verdict} from (select *, ${failing} as __reject_check from ${rejectedFrom}) where __reject_check is not null`);
    } else {
      // No rejected line (the usual case): an empty reject table, without planning the reasons.
      await db.run(`create table ${stage}_reject (__line bigint, __reject_column varchar, __reject_value varchar, __reject_reason varchar)`);
    }
  } else {
    await db.run(`
      create table ${stage}_reject as
      select __line, ${verdict} from ${judged} where __reject_check is not null`);
  }
  if (!stageView) return;
  // A row is good when its line was not rejected: a semi-join on the (usually tiny) reject table,
  // so reading the stage does not evaluate the checks again.
  await db.run(`
    create view ${stage} as
    select *, case when __line in (select __line from ${stage}_reject) then 'rejected' end as __reject_reason
    from ${from}`);
}

/**
 * Fills `<stage>_dup` with the line of every row after the first, by line, with the same key.
 * Most files repeat no key, and sorting every row by its text key is the costly part: the 64-bit
 * hashes of the keys are sorted instead (a third cheaper than the window by key, and than a hash
 * aggregate over them), giving the hashes seen more than once: a superset of the repeated keys,
 * as different keys can share a hash. Only the rows with such a hash are then numbered by their
 * real key. With no repeated hash the table is left empty without a second read.
 */
async function findDuplicates(db: Db, source: string, stage: string, duplicates: DuplicateKey): Promise<void> {
  const where = duplicates.where ? `where ${duplicates.where}` : '';
  await db.run(`
    create temp table ${stage}_dup_hash as
    select distinct __hash from (
        select __hash, lag(__hash) over (order by __hash) as __previous
        from (select hash(${duplicates.keys}) as __hash from ${source} ${where})
    )
    where __hash = __previous`);
  const repeated = await db.one<{ n: number }>(`select count(*)::integer as n from ${stage}_dup_hash`);
  if ((repeated?.n ?? 0) === 0) {
    await db.run(`create table ${stage}_dup as select __line from ${source} where false`);
  } else {
    await db.run(`
      create table ${stage}_dup as
      select __line from (
          select __line, row_number() over (partition by ${duplicates.keys} order by __line) as __copy
          from ${source}
          where ${duplicates.where ? `(${duplicates.where}) and ` : ''}hash(${duplicates.keys}) in (select __hash from ${stage}_dup_hash)
      )
      where __copy > 1`);
  }
  await db.run(`drop table ${stage}_dup_hash`);
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

/**
 * SQL (a fastOk) true only when `value` is not blank: its first character is printable ASCII other
 * than a space, so trimming (which also strips Unicode spaces) keeps it. Cheaper than trimming.
 */
export function notBlankSql(value: string): string {
  return `ascii(${value}) between 33 and 126`;
}

/** Check: a required text value is present. */
export function required(column: string, reason: string): Check {
  return {
    column,
    value: `"${column}"`,
    problem: `case when cg_blank("${column}") then '${reason}' end`,
    fastOk: notBlankSql(`"${column}"`),
  };
}

/**
 * SQL true when `column` is exactly YYYY-MM-DD (ASCII digits, no spaces, no time part) and a real
 * calendar day from 1900 on (and not after cg_latest_date() unless `openEnd`): such a value has no
 * date problem. The macros take the form that is cheaper for the file being loaded
 * (plainDateMacros.ts).
 */
function wellFormedDate(column: string, openEnd = false): string {
  return `${openEnd ? 'cg_plain_date_open' : 'cg_plain_date'}("${column}")`;
}

/**
 * SQL: true for a null `column`, else `test`. A case, not `or`: DuckDB evaluates both sides of an
 * `or` on every row, a case only the branch a row takes (most optional dates are null).
 */
function orNull(column: string, test: string): string {
  return `case when "${column}" is null then true else ${test} end`;
}

/** Check: a date column parses (blank allowed unless `isRequired`). */
export function dateCheck(column: string, isRequired = false): Check {
  const problem = isRequired
    ? `case when cg_blank("${column}") then 'missing ${column.replaceAll('_', ' ')}' else cg_date_problem("${column}") end`
    : `cg_date_problem("${column}")`;
  const fastOk = isRequired ? wellFormedDate(column) : orNull(column, wellFormedDate(column));
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
    fastOk: orNull(column, wellFormedDate(column, true)),
  };
}

/** Check: a numeric column is a number within [0, ceiling] (blank allowed). */
export function numberCheck(column: string, label: string, ceiling: number): Check {
  // Plain digits with at most `digits` before the point are a number within [0, 10^digits) and so
  // within range: one cheap pattern for the common value, the cast only for the others.
  const digits = String(Math.floor(ceiling)).length - 1;
  const plain = digits >= 1 ? ` or regexp_full_match("${column}", '\\d{1,${digits}}(\\.\\d+)?')` : '';
  return {
    column,
    value: `"${column}"`,
    problem: `cg_num_problem("${column}", '${label}', ${ceiling})`,
    // A value DuckDB reads as a number within range as given reads the same trimmed (cg_num).
    fastOk: `case when "${column}" is null${plain} then true else try_cast("${column}" as double) between 0 and ${ceiling} end`,
  };
}

/** Check: an end date is not before its start date (both already parse). */
export function orderCheck(endColumn: string, startColumn: string): Check {
  return {
    column: endColumn,
    value: `"${endColumn}"`,
    problem: `case when cg_date("${endColumn}") < cg_date("${startColumn}") then 'end before start' end`,
    // A 10-byte value that cg_date reads is exactly YYYY-MM-DD (its pattern needs 10 characters
    // after trimming), and two such texts compare as their dates do; a value cg_date does not read
    // is never before anything. So two 10-byte texts in order need no closer look.
    fastOk: `("${endColumn}" is null or "${startColumn}" is null
        or ("${endColumn}" >= "${startColumn}" and strlen("${endColumn}") = 10 and strlen("${startColumn}") = 10))`,
  };
}
