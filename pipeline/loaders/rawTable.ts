import type { Db } from '../db.js';
import { RunError } from '../errors.js';
import { quotedIdentifier, quotedString } from '../sql.js';
import type { ColumnLayout } from './columnLayout.js';
import { readCareful } from './csvCareful.js';
import { readCsvHeader, type CsvHeader } from './csvHeader.js';
import type { InputFile } from './inputFile.js';
import { checkParquetMagic, type InputScan } from './inputScan.js';

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

/** What is known about a file before it is read: its header, column layout and scan. */
export interface PreparedFile {
  /** CSV only. */
  header?: CsvHeader;
  layout: ColumnLayout;
  /** The file's scan (inputScan.ts), possibly still running while DuckDB reads the file. */
  scan: Promise<InputScan>;
}

/** A file's header names (as written), read without loading it. Empty for a file with no header. */
export async function probeNames(db: Db, file: InputFile): Promise<{ names: string[]; header?: CsvHeader }> {
  if (file.sizeBytes === 0) return { names: [] };
  if (file.kind === 'csv') {
    const header = readCsvHeader(file.path);
    return { names: header.names, header };
  }
  checkParquetMagic(file);
  try {
    const rows = await db.all<{ column_name: string }>(`describe select * from ${parquetCall(file)}`);
    return { names: rows.map((row) => row.column_name) };
  } catch (error) {
    throw unreadableParquet(file, error);
  }
}

function parquetCall(file: InputFile): string {
  return `read_parquet(${quotedString(file.path)}, file_row_number = true)`;
}

/** The one-line error for a Parquet file DuckDB cannot read (its message can quote data: not shown). */
export function unreadableParquet(file: InputFile, error: unknown): Error {
  if (error instanceof RunError) return error;
  if (process.env.CAREGAP_DEBUG) process.stderr.write(`${(error as Error).message}\n`);
  return new RunError(`${file.path}: not a readable Parquet file (corrupt or truncated)`);
}

/**
 * Reads the wanted columns of one file and exposes them through view `src_<n>` with the physical
 * line of each row (`__line`; the header is line 1; for a row spanning lines, its first line; for
 * Parquet, the row number counting from 1). Malformed CSV rows go to `load_reject` with their line.
 *
 * A CSV file with one physical line per record (csvShape.ts) is read by DuckDB in parallel, its
 * columns by position (so repeated or empty header names cannot clash); any other CSV file, or every
 * one with `careful`, by csvCareful.ts.
 */
export async function readRaw(
  db: Db,
  file: InputFile,
  wanted: string[],
  index: number,
  prepared: PreparedFile,
  careful = false,
): Promise<RawTable> {
  const table = `raw_${index}`;
  const view = `src_${index}`;
  const { layout } = prepared;
  const present = new Set(layout.positions.keys());
  const header = prepared.header;

  if (file.sizeBytes === 0 || (file.kind === 'csv' && (header === undefined || header.names.length === 0))) {
    const nulls = wanted.map((name) => `cast(null as varchar) as ${quotedIdentifier(name)}`);
    await db.run(`create table ${table} as select ${nulls.join(', ')}, cast(null as bigint) as __line where false`);
    await db.run(`create view ${view} as select * from ${table}`);
    return { view, present, rowsRead: 0, structuralRejects: 0 };
  }

  if (file.kind === 'parquet') {
    const select = wanted.map((name) => {
      const position = layout.positions.get(name);
      return position === undefined
        ? `cast(null as varchar) as ${quotedIdentifier(name)}`
        : `cast(${quotedIdentifier(layout.names[position])} as varchar) as ${quotedIdentifier(name)}`;
    });
    try {
      await db.run(`create view ${view} as select ${select.join(', ')}, file_row_number + 1 as __line from ${parquetCall(file)}`);
      const count = await db.one<{ n: number }>(`select count(*)::integer as n from ${view}`);
      return { view, present, rowsRead: count?.n ?? 0, structuralRejects: 0 };
    } catch (error) {
      throw unreadableParquet(file, error);
    }
  }

  if (header === undefined) throw new Error(`no header read for ${file.name}`);
  const readCarefully = async (): Promise<RawTable> => {
    const columns = wanted.map((name) => ({ name, position: layout.positions.get(name) }));
    const { rows, rejects } = await readCareful(db, file, header, columns, table);
    await db.run(`create view ${view} as select * from ${table}`);
    return { view, present, rowsRead: rows + rejects, structuralRejects: rejects };
  };
  if (careful || header.line !== 1) return readCarefully();
  // DuckDB reads while the scan decides whether its line numbers can be trusted; when they
  // cannot, its table is dropped and the careful reader reads the file instead.
  let failure: unknown;
  try {
    await readSimpleCsv(db, file, header, layout, wanted, index);
  } catch (error) {
    failure = error;
  }
  const scan = await prepared.scan;
  // Also when DuckDB's count of records is not the file's (a silent partial read of any kind).
  if (scan.csvProblem !== null || (failure === undefined && (await duckDbRecords(db, index)) !== scan.csvRecords)) {
    for (const name of [table, `csvrej_${index}`, `csvrej_${index}_scan`]) await db.run(`drop table if exists ${name}`);
    return readCarefully();
  }
  if (failure !== undefined) throw failure;
  return finishSimpleCsv(db, file, header, layout, index);
}

/** Rows DuckDB read from a file, good and rejected (a rejected record counts once). */
async function duckDbRecords(db: Db, index: number): Promise<number> {
  const row = await db.one<{ n: number }>(
    `select ((select count(*) from raw_${index}) + (select count(distinct line) from csvrej_${index}))::integer as n`,
  );
  return row?.n ?? -1;
}

/** A CSV file with one physical line per record, read by DuckDB (parallel, fast). */
async function readSimpleCsv(
  db: Db,
  file: InputFile,
  header: CsvHeader,
  layout: ColumnLayout,
  wanted: string[],
  index: number,
): Promise<void> {
  const table = `raw_${index}`;
  const rejects = `csvrej_${index}`;
  const select = wanted.map((name) => {
    const position = layout.positions.get(name);
    return position === undefined
      ? `cast(null as varchar) as ${quotedIdentifier(name)}`
      : `c${position} as ${quotedIdentifier(name)}`;
  });
  // Every column is text: codes keep their leading zeros, and every value is validated in SQL.
  const columns = header.names.map((_, position) => `'c${position}': 'VARCHAR'`).join(', ');
  try {
    await db.run(`
      create table ${table} as
      select ${select.join(', ')}
      from read_csv(${quotedString(file.path)}, auto_detect = false, header = true,
                    delim = ${quotedString(header.delimiter)}, quote = '"', escape = '"',
                    columns = {${columns}}, max_line_size = 8388608,
                    store_rejects = true, rejects_table = ${quotedString(rejects)},
                    rejects_scan = ${quotedString(`${rejects}_scan`)})`);
  } catch (error) {
    // DuckDB's CSV errors quote the offending line: not shown, it may identify a patient.
    if (process.env.CAREGAP_DEBUG) process.stderr.write(`${(error as Error).message}\n`);
    throw new RunError(`${file.path}: could not be read as CSV`);
  }
}

/** Records DuckDB's rejects and numbers the good rows of a file readSimpleCsv has read. */
async function finishSimpleCsv(
  db: Db,
  file: InputFile,
  header: CsvHeader,
  layout: ColumnLayout,
  index: number,
): Promise<RawTable> {
  const table = `raw_${index}`;
  const view = `src_${index}`;
  const rejects = `csvrej_${index}`;
  await recordStructuralRejects(db, file, header, rejects);
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
  return { view, present: new Set(layout.positions.keys()), rowsRead: good + bad, structuralRejects: bad };
}

/**
 * Copies DuckDB's rejects into `load_reject`, one row per line, with the reasons csvCareful.ts
 * gives: DuckDB's own column counts are wrong for ragged rows ("found: 10" for an 8-field row),
 * so the fields are counted here from the line's text, quoted fields removed first.
 */
async function recordStructuralRejects(db: Db, file: InputFile, header: CsvHeader, rejects: string): Promise<void> {
  const names = `[${header.names.map((name) => quotedString(name)).join(', ')}]`;
  const delimiter = quotedString(header.delimiter);
  await db.run(
    `insert into load_reject
     select $file, line,
            case when reason like 'ragged row%' then ''
                 else coalesce(${names}[try_cast(substr(column_name, 2) as integer) + 1], '') end,
            case when length(value) > 1000 then left(value, 1000) || '...' else value end,
            reason
     from (
         select line, min(column_name) as column_name,
                trim(regexp_replace(replace(min(csv_line), chr(0), '\\0'), '\\r?\\n|\\r', ' ', 'g')) as value,
                case
                    when bool_or(error_type = 'UNQUOTED VALUE') then 'malformed quoting'
                    when bool_or(error_type in ('MISSING COLUMNS', 'TOO MANY COLUMNS')) then
                        'ragged row: ' || min(fields) || case when min(fields) = 1 then ' field' else ' fields' end
                        || ', expected ' || ${header.names.length}
                    when bool_or(error_type in ('INVALID ENCODING', 'INVALID UNICODE')) then 'invalid UTF-8'
                    when bool_or(error_type = 'LINE SIZE OVER MAXIMUM') then 'line longer than 8 MB'
                    else lower(min(error_type))
                end as reason
         from (
             select *, len(string_split(regexp_replace(csv_line, '"([^"]|"")*"', '', 'g'), ${delimiter})) as fields
             from ${rejects}
         )
         group by line
     )`,
    { file: file.name },
  );
}
