import type { Db } from '../db.js';
import { quotedString } from '../sql.js';
import { fhirStructureFor } from './fhirFields.js';
import type { InputFile } from './inputFile.js';
import type { RawTable } from './rawTable.js';

/**
 * Reads a (possibly gzip-compressed) NDJSON file of FHIR resources, one per line, into table
 * `raw_<n>` (also exposed as view `src_<n>`) with `__line` (the physical line, from 1),
 * `resource` (a STRUCT of only the elements the loader of the file's resource type reads, see
 * fhirFields.ts; null when the line is not a JSON object), `__invalid` (the line is not valid JSON,
 * for the loader to reject) and `__text` (the first 200 characters of an invalid line, else null).
 * Blank lines are not records: they are skipped and not counted, but keep the numbering.
 *
 * Each line is parsed once (`json_transform` into the explicit structure): the file is read once,
 * and what is kept is the few elements the canonical tables need, not the whole resource. DuckDB's
 * CSV reader splits the lines (no quoting, a four-byte control delimiter that valid JSON never holds
 * raw), so nothing is parsed row by row in JS and every line keeps its number. Limit: a line longer
 * than 64 MB fails the read.
 */
export async function readNdjson(db: Db, file: InputFile, index: number): Promise<RawTable> {
  const table = `raw_${index}`;
  const view = `src_${index}`;
  const structure = quotedString(fhirStructureFor(file.role));
  const lines =
    file.sizeBytes === 0
      ? `(select cast(null as varchar) as line, cast(null as bigint) as __line where false)`
      : `(select line, row_number() over () as __line
          from read_csv(${quotedString(file.path)}, header = false, auto_detect = false,
                        delim = chr(1) || chr(2) || chr(3) || chr(4), quote = '', escape = '',
                        columns = {'line': 'VARCHAR'}, max_line_size = 67108864, parallel = false))`;
  // try(): a line that is not JSON gives null instead of failing the read; only those lines are
  // checked again with json_valid (a valid `null` or `"text"` line is JSON, rejected by type).
  await db.run(`
    create table ${table} as
    select __line, resource,
           case when resource is null then not json_valid(line) else false end as __invalid,
           case when resource is null and not json_valid(line) then left(line, 200) end as __text
    from (
        select __line, line, try(json_transform(line, ${structure})) as resource
        from ${lines}
        where not cg_blank(line)
    )`);
  await db.run(`create view ${view} as select * from ${table}`);
  const count = await db.one<{ n: number }>(`select count(*)::integer as n from ${table}`);
  return { view, present: new Set(['resource']), rowsRead: count?.n ?? 0, structuralRejects: 0 };
}
