import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** One CSV record of a value-set or catalog file: the wanted columns as text (empty = null). */
export interface ValueSetCsvRow {
  file: string;
  /** Load order of the file among every value-set file of the run (1, 2, ...). */
  ordinal: number;
  /** The physical line the record starts on (the header is line 1). */
  line: number;
  values: Record<string, string | null>;
}

/**
 * Reads one value-set file (a few hundred rows at most) in JavaScript, so that value sets load the
 * same way into any SQL engine (docs/engines.md): RFC 4180 CSV, comma-separated, `"` quotes, a
 * header row, blank lines skipped, a UTF-8 byte-order mark dropped. Header names are matched trimmed
 * and case-insensitively; `required` columns must be present, `optional` ones are read when they
 * are, any other column is ignored. An empty field is null; nothing else is trimmed here.
 *
 * Throws "value sets: FILE:1: header lacks column(s) ..." or "value sets: FILE: cannot read as CSV:
 * ..." (with the parser's line).
 */
export function readValueSetCsv(
  file: string,
  ordinal: number,
  required: readonly string[],
  optional: readonly string[],
): ValueSetCsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(readFileSync(file, 'utf8'), { bom: true, info: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    throw new Error(`value sets: ${file}: cannot read as CSV: ${(error as Error).message}`);
  }
  const header = records[0]?.record;
  if (header === undefined) throw new Error(`value sets: ${file}: cannot read as CSV: the file has no header row`);
  // The last of two equally named columns wins, as before.
  const positions = new Map(header.map((name, position) => [name.trim().toLowerCase(), position]));
  const missing = required.filter((name) => !positions.has(name));
  if (missing.length > 0) {
    throw new Error(
      `value sets: ${file}:1: header lacks column(s) ${missing.join(', ')} ` +
        `(expected ${required.join(',')}); found ${header.join(',')}`,
    );
  }
  const wanted = [...required, ...optional].filter((name) => positions.has(name));
  return records.slice(1).map(({ record, info }) => {
    // info.lines is the record's last line; a quoted field may hold line breaks.
    const breaks = record.reduce((count, field) => count + (field.match(/\n/g)?.length ?? 0), 0);
    const values: Record<string, string | null> = {};
    for (const name of wanted) {
      const field = record[positions.get(name)!] ?? '';
      values[name] = field === '' ? null : field;
    }
    return { file, ordinal, line: info.lines - breaks, values };
  });
}
