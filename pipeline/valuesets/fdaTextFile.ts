import { readFileSync, statSync } from 'node:fs';
import { UsageError } from '../errors.js';

/** One data row of an FDA NDC Directory text file: its 1-based line number and its fields by column name. */
export interface FdaRow {
  line: number;
  fields: Record<string, string>;
}

/** A row that could not be imported: its file, line, the column at fault (null: the whole row) and what is wrong. */
export interface FdaRowProblem {
  file: string;
  line: number;
  column: string | null;
  problem: string;
}

/** An FDA NDC Directory text file as read: its rows and the rows that could not be split into its columns. */
export interface FdaTextFile {
  path: string;
  /** Modification time of the file (the release date defaults to the later of product.txt and package.txt). */
  modifiedAt: Date;
  rows: FdaRow[];
  problems: FdaRowProblem[];
}

/**
 * Decodes FDA text: UTF-8 when the bytes are valid UTF-8, else Latin-1. FDA publishes the NDC
 * Directory text files in Latin-1; WHATWG's "latin1" is Windows-1252, a superset that also decodes
 * the curly quotes and the trade-mark sign some labelers type. A Latin-1 file that happens to be
 * valid UTF-8 would need accented letters in UTF-8's exact byte pairs, which plain Latin-1 text
 * does not produce.
 */
export function decodeFdaText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/**
 * Reads one tab-delimited FDA NDC Directory file (header row, no quoting, CRLF or LF). Throws a
 * UsageError naming the file when it is missing, unreadable, empty, or its header lacks one of
 * `requiredColumns` (names matched without regard to case). A row whose field count differs from
 * the header's is not guessed at: it is returned in `problems` with its line, never silently
 * dropped. Blank lines are skipped.
 */
export function readFdaTextFile(path: string, requiredColumns: readonly string[]): FdaTextFile {
  let bytes: Buffer;
  let modifiedAt: Date;
  try {
    bytes = readFileSync(path);
    modifiedAt = statSync(path).mtime;
  } catch {
    throw new UsageError(`${path}: file not found or not readable (expected FDA's NDC Directory text file)`);
  }
  const lines = decodeFdaText(bytes).split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((name) => name.trim().toUpperCase());
  if (header.length === 1 && header[0] === '') throw new UsageError(`${path}: the file is empty (expected a tab-delimited header row)`);
  const missing = requiredColumns.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    const layout = header.length === 1 ? ' (is the file tab-delimited, as FDA publishes it?)' : '';
    throw new UsageError(`${path}:1: header lacks column(s) ${missing.join(', ')}${layout}`);
  }
  const rows: FdaRow[] = [];
  const problems: FdaRowProblem[] = [];
  for (let index = 1; index < lines.length; index += 1) {
    const text = lines[index]!;
    if (text.trim() === '') continue;
    const values = text.split('\t');
    if (values.length !== header.length) {
      problems.push({ file: path, line: index + 1, column: null, problem: `has ${values.length} tab-separated fields; the header has ${header.length}` });
      continue;
    }
    const fields: Record<string, string> = {};
    header.forEach((name, column) => {
      fields[name] = values[column]!.trim();
    });
    rows.push({ line: index + 1, fields });
  }
  return { path, modifiedAt, rows, problems };
}
