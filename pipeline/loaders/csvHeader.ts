import { closeSync, openSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';

/** The dialect and header of a CSV file, read from its first line. */
export interface CsvHeader {
  delimiter: string;
  /** Column names exactly as written (BOM removed). */
  names: string[];
}

const candidates = [',', '\t', ';', '|'];

/** The first line of a (possibly gzip-compressed) file, without reading the whole file. */
function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(256 * 1024);
    const bytes = readSync(fd, buffer, 0, buffer.length, 0);
    let head = buffer.subarray(0, bytes);
    if (head[0] === 0x1f && head[1] === 0x8b) {
      // A truncated gzip stream still yields its first bytes with finishFlush.
      head = gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH */ });
    }
    const text = head.toString('utf8').replace(/^\uFEFF/, '');
    const end = text.search(/\r?\n/);
    return end === -1 ? text : text.slice(0, end);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a CSV header ourselves rather than trusting DuckDB's sniffer, which gives up on files
 * with ragged rows: exactly the files whose bad rows we must report rather than refuse.
 * The delimiter is the candidate (comma, tab, semicolon, pipe) seen most in the header line.
 */
export function readCsvHeader(path: string): CsvHeader {
  const line = firstLine(path);
  const delimiter = candidates.reduce((best, candidate) =>
    line.split(candidate).length > line.split(best).length ? candidate : best,
  );
  const records = parse(line, { delimiter, relax_quotes: true }) as string[][];
  return { delimiter, names: (records[0] ?? []).map((name) => name.trim()) };
}
