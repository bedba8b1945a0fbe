import type { Db } from '../db.js';
import { quotedIdentifier, quotedString } from '../sql.js';
import { readCsvHeader } from './csvHeader.js';
import type { InputFile } from './inputFile.js';

/** A source file read as text into DuckDB, with the physical line of every row. */
export interface RawTable {
  /** View with the wanted columns (by canonical lower-case name) plus `__line` (BIGINT). */
  view: string;
  /** Lower-case names of the columns the file actually has. */
  present: Set<string>;
  /** Data rows in the file (loaded into the view + rejected as malformed). */
  rowsRead: number;
  /** Rows rejected while parsing (ragged rows, bad quoting, invalid UTF-8). */
  structuralRejects: number;
}

/** Lower-case header names of a file, read without loading it. Empty for a 0-byte file. */
export async function probeColumns(db: Db, file: InputFile): Promise<string[]> {
  return (await describeActual(db, file)).map((name) => name.toLowerCase());
}

function readerCall(file: InputFile, rejectsTable?: string): string {
  if (file.kind === 'parquet') return `read_parquet(${quotedString(file.path)}, file_row_number = true)`;
  const header = readCsvHeader(file.path);
  const rejects = rejectsTable
    ? `, store_rejects = true, rejects_table = ${quotedString(rejectsTable)}, rejects_scan = ${quotedString(`${rejectsTable}_scan`)}`
    : '';
  // Every column is text: codes keep their leading zeros, and every value is validated in SQL.
  const columns = header.names.map((name) => `${quotedString(name)}: 'VARCHAR'`).join(', ');
  return `read_csv(${quotedString(file.path)}, auto_detect = false, header = true, delim = ${quotedString(header.delimiter)},
    quote = '"', escape = '"', columns = {${columns}}${rejects})`;
}

/**
 * Reads the wanted columns of one file into a table `raw_<n>` and exposes them through a view
 * with the physical line number of each row (`__line`; the header is line 1; for Parquet, the
 * row number counting from 1). Malformed CSV rows go to `load_reject` with their line.
 *
 * Line numbers assume one physical line per record: a quoted field holding a newline shifts the
 * numbers of the rows after it.
 */
export async function readRaw(db: Db, file: InputFile, wanted: string[], index: number): Promise<RawTable> {
  const table = `raw_${index}`;
  const view = `src_${index}`;
  const actual = new Map<string, string>();
  // First spelling wins when a file repeats a column name in another case.
  for (const name of await describeActual(db, file)) if (!actual.has(name.toLowerCase())) actual.set(name.toLowerCase(), name);
  const present = new Set(actual.keys());

  const select = wanted.map((name) =>
    actual.has(name)
      ? `cast(${quotedIdentifier(actual.get(name)!)} as varchar) as ${quotedIdentifier(name)}`
      : `cast(null as varchar) as ${quotedIdentifier(name)}`,
  );

  if (file.sizeBytes === 0) {
    await db.run(`create table ${table} as select ${select.join(', ')}, cast(null as bigint) as __line where false`);
    await db.run(`create view ${view} as select * from ${table}`);
    return { view, present, rowsRead: 0, structuralRejects: 0 };
  }

  if (file.kind === 'parquet') {
    await db.run(
      `create view ${view} as select ${select.join(', ')}, file_row_number + 1 as __line from ${readerCall(file)}`,
    );
    const count = await db.one<{ n: number }>(`select count(*)::integer as n from ${view}`);
    return { view, present, rowsRead: count?.n ?? 0, structuralRejects: 0 };
  }

  const rejects = `csvrej_${index}`;
  await db.run(`create table ${table} as select ${select.join(', ')} from ${readerCall(file, rejects)}`);
  await recordStructuralRejects(db, file, rejects);
  const counts = await db.one<{ good: number; bad: number }>(
    `select (select count(*) from ${table})::integer as good,
            (select count(distinct line) from ${rejects})::integer as bad`,
  );
  const good = counts?.good ?? 0;
  const bad = counts?.bad ?? 0;
  if (bad === 0) {
    await db.run(`create view ${view} as select *, rowid + 2 as __line from ${table}`);
  } else {
    // The k-th good row (rowid k) sits after every rejected line r_i (i-th, from 0) that has
    // r_i - 2 - i <= k good rows before it; its line is k + 2 + the number of such lines.
    await db.run(`
      create table ${table}_shift as
      select threshold, max(shift) as shift from (
          select line - 2 - (row_number() over (order by line) - 1) as threshold,
                 row_number() over (order by line) as shift
          from (select distinct line from ${rejects})
      ) group by threshold`);
    await db.run(`
      create view ${view} as
      select raw.*, raw.rowid + 2 + coalesce(shift.shift, 0) as __line
      from (select *, rowid from ${table}) as raw
      asof left join ${table}_shift as shift on raw.rowid >= shift.threshold`);
  }
  return { view, present, rowsRead: good + bad, structuralRejects: bad };
}

async function describeActual(db: Db, file: InputFile): Promise<string[]> {
  if (file.sizeBytes === 0) return [];
  if (file.kind === 'csv') return readCsvHeader(file.path).names;
  const rows = await db.all<{ column_name: string }>(`describe select * from ${readerCall(file)}`);
  return rows.map((row) => row.column_name);
}

async function recordStructuralRejects(db: Db, file: InputFile, rejects: string): Promise<void> {
  await db.run(
    `insert into load_reject
     select $file, line, coalesce(column_name, ''), trim(replace(csv_line, chr(10), ' ')), reason
     from (
         select line, min(column_name) as column_name, min(csv_line) as csv_line,
                case min(error_type)
                    when 'MISSING COLUMNS' then 'ragged row: ' || lower(min(error_message))
                    when 'TOO MANY COLUMNS' then 'ragged row: ' || lower(min(error_message))
                    when 'UNQUOTED VALUE' then 'malformed quoting'
                    when 'INVALID UNICODE' then 'invalid UTF-8'
                    else lower(min(error_type)) || ': ' || min(error_message)
                end as reason
         from ${rejects}
         group by line
     )`,
    { file: file.name },
  );
}
