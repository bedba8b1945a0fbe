import type { Db } from '../db.js';
import { quotedString } from '../sql.js';
import type { InputFile } from './inputFile.js';
import type { RawTable } from './rawTable.js';

/**
 * Reads a (possibly gzip-compressed) NDJSON file, one resource per line, into table `raw_<n>` and
 * exposes it as view `src_<n>` with `__line` (the physical line, from 1), `__text` (the line) and
 * `resource` (the parsed JSON, null when the line is not valid JSON, for the loader to reject).
 * Blank lines are not records: they are skipped and not counted, but keep the numbering.
 *
 * DuckDB's CSV reader splits the lines (no quoting, a four-byte control delimiter that valid JSON
 * never holds raw), so nothing is parsed row by row in JS. Limit: a line longer than 64 MB fails
 * the read.
 */
export async function readNdjson(db: Db, file: InputFile, index: number): Promise<RawTable> {
  const table = `raw_${index}`;
  const view = `src_${index}`;
  if (file.sizeBytes === 0) {
    await db.run(`create table ${table} as select cast(null as varchar) as line, cast(null as bigint) as __line where false`);
  } else {
    await db.run(`
      create table ${table} as
      select line, row_number() over () as __line
      from read_csv(${quotedString(file.path)}, header = false, auto_detect = false,
                    delim = chr(1) || chr(2) || chr(3) || chr(4), quote = '', escape = '',
                    columns = {'line': 'VARCHAR'}, max_line_size = 67108864, parallel = false)`);
  }
  await db.run(`
    create view ${view} as
    select __line, line as __text, case when json_valid(line) then json(line) end as resource
    from ${table}
    where not cg_blank(line)`);
  const count = await db.one<{ n: number }>(`select count(*)::integer as n from ${view}`);
  return { view, present: new Set(['resource']), rowsRead: count?.n ?? 0, structuralRejects: 0 };
}
