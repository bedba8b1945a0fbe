import type { Db } from '../db.js';
import { quotedString } from '../sql.js';
import { fhirStructureFor } from './fhirFields.js';
import { failingCheckSql } from './fhirStage.js';
import type { InputFile } from './inputFile.js';
import type { RawTable } from './rawTable.js';
import type { Check } from './validate.js';

/**
 * What the parse of an NDJSON file computes per line besides the resource (a FHIR source's
 * `ndjsonParse`): columns in layers, each layer's SQL over `resource`, `line` (the line's text),
 * `__invalid` and the layers before it; then the checks, whose first failing index is stored as
 * `__reject_check` (fhirStage.ts works out the reasons of the rejected lines).
 */
export interface NdjsonParse {
  /** Layers of `<sql> as <name>` columns; a layer may use the columns of the layers before it. */
  layers: string[][];
  /** Row checks, in order, over the resource and the layers' columns. */
  checks: Check[];
  /** Layer columns used only within the parse, not stored. */
  transient?: string[];
}

/**
 * Reads a (possibly gzip-compressed) NDJSON file of FHIR resources, one per line, into table
 * `raw_<n>`, exposed as view `src_<n>` with `__line` (the physical line, from 1), the `parse`
 * columns, `__reject_check` (see NdjsonParse), `resource` (a STRUCT of only the elements the loader
 * of the file's resource type reads, see fhirFields.ts; for rejected lines only, parsed again from
 * their kept text; null on good lines and when the line is not a JSON object), `__invalid` (the line is not valid JSON, for the
 * loader to reject) and `__text` (the first 200 characters of an invalid line, else null). Blank
 * lines are not records: they are skipped and not counted, but keep the numbering.
 *
 * Each line is parsed once (`json_transform` into the explicit structure), and in the same
 * statement its loader's derived columns and checks are computed: nothing of a good line is parsed
 * or evaluated again (a rejected line is parsed once more, for its reject reason), and what is
 * stored is the few columns the canonical tables need. The file is
 * read once when every line is JSON; a file with a malformed line is read a second time (see
 * below). DuckDB's CSV reader splits the lines (no quoting, a four-byte control delimiter that valid
 * JSON never holds raw), in parallel, so nothing is parsed row by row in JS and every line keeps its
 * number. Limit: a line longer than 64 MB fails the read.
 */
/**
 * The longest line (resource) accepted: 64 MB. DuckDB's reader sizes its buffers at 16 times the
 * longest line unless told, and splits a file between threads by buffer: a 64 MB limit meant 1 GB
 * buffers, which left every FHIR file under 1 GB on one thread (measured: 50k persons,
 * Condition.ndjson 238 MB, CPU time equal to wall time). So a file is first read with DuckDB's own
 * limit (2 MB lines, 32 MB buffers, both threads); only a file with a longer line is read again with
 * the full limit and buffers of two such lines.
 */
const NDJSON_MAX_LINE = 64 * 1024 * 1024;
const LONG_LINE = /maximum line size/i;

export async function readNdjson(db: Db, file: InputFile, index: number, parse: NdjsonParse = { layers: [], checks: [] }): Promise<RawTable> {
  const table = `raw_${index}`;
  const view = `src_${index}`;
  const structure = quotedString(fhirStructureFor(file.role));
  // The CSV reader splits the lines in parallel; with insertion order preserved (DuckDB's default)
  // the k-th row stored is the k-th physical line, blank lines included, so rowid + 1 is the line
  // number (as rawTable.ts numbers CSV rows) and the parse runs on both threads. The statement only
  // adds columns (no filter, no window), so the order stays that of the lines.
  const lines = (long: boolean): string =>
    file.sizeBytes === 0
      ? `(select cast(null as varchar) as line where false)`
      : `read_csv(${quotedString(file.path)}, header = false, auto_detect = false,
                  delim = chr(1) || chr(2) || chr(3) || chr(4), quote = '', escape = '',
                  columns = {'line': 'VARCHAR'}${long ? `, max_line_size = ${NDJSON_MAX_LINE}, buffer_size = ${2 * NDJSON_MAX_LINE}` : ''})`;
  // Every line is parsed once, by json_transform. A line that is not JSON (a blank line of spaces
  // too) fails that statement, so the fast statement is tried first; only a file holding such a line
  // is read again, with json_valid guarding the parse (json_valid roughly doubles the cost, try()
  // triples it). The checks on `resource is null` run only for the (rare) lines without a resource.
  // No filter in this statement: a filter over the long lines made it several times slower.
  const layered = (guarded: boolean, long: boolean): string => {
    let from = `(
        select *, coalesce(__no_resource = 'blank', false) as __blank,
               coalesce(__no_resource = 'invalid', false) as __invalid,
               case when __no_resource = 'invalid' then left(line, 200) end as __text
        from (
            select *,
                   case when resource is null then
                       case when cg_blank(line) then 'blank' when not json_valid(line) then 'invalid' end
                   end as __no_resource
            from (
                select line,
                       json_transform(${guarded ? 'case when json_valid(line) then line end' : 'line'}, ${structure}) as resource
                from ${lines(long)}
            )
        )
    )`;
    for (const layer of parse.layers) from = `(select *, ${layer.join(', ')} from ${from})`;
    return `(select *, ${failingCheckSql(parse.checks)} as __reject_check from ${from})`;
  };
  // A rejected line keeps its text, not its parsed resource: a null STRUCT column of several nested
  // fields costs about twice a null text column to store (0.23 against 0.14 s of CPU per 624k
  // Condition rows), and only the few rejected lines are parsed again, by the view below.
  const statement = (guarded: boolean, long: boolean): string => `
    create or replace table ${table} as
    select * exclude (${['line', 'resource', '__no_resource', ...(parse.transient ?? [])].join(', ')}),
           case when __reject_check is not null then line end as __rejected_line
    from ${layered(guarded, long)}`;
  // Retried only for what failed: a line longer than DuckDB's default limit, or a line that is not
  // JSON (each at most once).
  let guarded = false;
  let long = false;
  for (;;) {
    try {
      await db.run(statement(guarded, long));
      break;
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      if (LONG_LINE.test(message) && !long) long = true;
      else if (/Malformed JSON/i.test(message) && !guarded) guarded = true;
      else throw error;
    }
  }
  // `resource` of a rejected line, as the parse gave it (null when the line is not JSON); null on good lines.
  await db.run(`
    create view ${view} as
    select * exclude (__blank, __rejected_line),
           json_transform(case when json_valid(__rejected_line) then __rejected_line end, ${structure}) as resource
    from (select rowid + 1 as __line, * from ${table})
    where not __blank`);
  const count = await db.one<{ n: number }>(`select count(*)::integer as n from ${table} where not __blank`);
  return { view, present: new Set(['resource']), rowsRead: count?.n ?? 0, structuralRejects: 0 };
}
