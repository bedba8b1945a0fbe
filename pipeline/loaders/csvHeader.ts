import { closeSync, openSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { RunError, UsageError } from '../errors.js';
import { detectDelimiter, LineSplitter, parseFields, quoteStateAfter, startOfRecord } from './csvSyntax.js';

/** The dialect and header of a CSV file, read from its first record. */
export interface CsvHeader {
  delimiter: string;
  /** Column names as written, trimmed (BOM removed); empty when the file has no header at all. */
  names: string[];
  /** Physical line of the header (1 unless empty lines come first); 0 when there is none. */
  line: number;
}

const headBytes = 256 * 1024;

/** Whether a file's name says it is gzip-compressed. */
export function isGzipName(path: string): boolean {
  return path.toLowerCase().endsWith('.gz');
}

/** The first bytes of a (possibly gzip-compressed) file, decompressed. */
function head(path: string): Buffer {
  const fd = openSync(path, 'r');
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(headBytes);
    bytes = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
  if (!isGzipName(path)) return bytes;
  if (bytes.length === 0) return bytes;
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new RunError(`${path}: not gzip-compressed, though the name ends in .gz`);
  try {
    // A stream cut short still yields its first bytes with Z_SYNC_FLUSH; the whole file is checked later.
    return gunzipSync(bytes, { finishFlush: 2 /* Z_SYNC_FLUSH */ });
  } catch {
    throw new RunError(`${path}: corrupt or truncated gzip file (its data fail the gzip check)`);
  }
}

/**
 * Reads a CSV header ourselves rather than trusting DuckDB's sniffer, which gives up on files
 * with ragged rows: exactly the files whose bad rows we must report rather than refuse.
 * The header is the first non-empty record (it may be quoted, and a quoted name may hold the
 * delimiter); the delimiter is the candidate (comma, tab, semicolon, pipe) seen most in its
 * first line outside quotes. Limit: the header must lie within the first 256 KB.
 */
export function readCsvHeader(path: string): CsvHeader {
  const bytes = head(path);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UsageError(`${path}: UTF-16 text; caregap reads UTF-8 (or ASCII) CSV files`);
  }
  const splitter = new LineSplitter(headBytes);
  const lines = [...splitter.push(bytes), ...splitter.end()];
  const first = lines.find((line) => line.bytes.length > 0);
  if (first === undefined) return { delimiter: ',', names: [], line: 0 };
  if (first.bytes.includes(0)) throw new UsageError(`${path}: not a text CSV file (NUL bytes in its first line)`);
  const text = (line: { bytes: Buffer }): string => line.bytes.toString('utf8').replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(text(first));
  // A quoted header name may span lines: take lines until the quote closes.
  const parts = [text(first)];
  let state = quoteStateAfter(parts[0], delimiter, startOfRecord());
  for (let next = lines.indexOf(first) + 1; state.inQuote && next < lines.length; next += 1) {
    parts.push(text(lines[next]));
    state = quoteStateAfter(lines[next].bytes.toString('utf8'), delimiter, state);
  }
  const parsed = parseFields(parts.join('\n'), delimiter);
  const names = (parsed.ok ? parsed.fields : parts[0].split(delimiter)).map((name) => name.trim());
  // Empty names at the end (a trailing delimiter on the header line) are no columns: a data line
  // may carry the same trailing delimiter or not (its empty extra fields are dropped anyway).
  while (names.length > 1 && names[names.length - 1] === '') names.pop();
  return { delimiter, names, line: first.line };
}
