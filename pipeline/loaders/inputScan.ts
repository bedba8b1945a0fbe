import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { RunError } from '../errors.js';
import { isGzipName } from './csvHeader.js';
import { CsvShape } from './csvShape.js';
import type { InputFile } from './inputFile.js';

/** What one streaming pass over an input file found. */
export interface InputScan {
  sha256: string;
  /** For CSV: why DuckDB's reader cannot be trusted with it (csvShape.ts), null when it can. */
  csvProblem: string | null;
  /** For a simple CSV file: its data records (csvShape.ts), else null. */
  csvRecords: number | null;
}

/**
 * Reads a file once, before any of it is loaded: its SHA-256; for a gzip file, the whole stream
 * decompressed, so a truncated or corrupt file (DuckDB does not check the gzip CRC, and its
 * reject-collecting reader can spin on one) fails here, naming the file; for a CSV file, its shape
 * (csvShape.ts); for Parquet, the `PAR1` magic bytes at both ends.
 *
 * Cost: reading the file once more (it was already read for its SHA-256), plus decompressing
 * gzip files in Node (about 0.3-0.5 s per 100 MB of CSV text on one core).
 */
export async function scanInput(file: InputFile, delimiter: string): Promise<InputScan> {
  if (file.kind === 'parquet' && file.sizeBytes > 0) checkParquetMagic(file);
  const hash = createHash('sha256');
  const shape = file.kind === 'csv' ? new CsvShape(delimiter.charCodeAt(0)) : undefined;
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      shape?.push(chunk);
      done();
    },
  });
  const source = createReadStream(file.path, { highWaterMark: 1024 * 1024 });
  const gzip = file.sizeBytes > 0 && isGzipName(file.path);
  try {
    if (gzip) await pipeline(source, hasher, createGunzip({ chunkSize: 1024 * 1024 }), sink);
    else await pipeline(source, hasher, sink);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('Z_') || code === 'ERR_PADDING_1') {
      const why = code === 'Z_BUF_ERROR' ? 'it ends before the compressed data does' : 'its data fail the gzip check';
      throw new RunError(`${file.path}: corrupt or truncated gzip file (${why})`);
    }
    throw new RunError(`${file.path}: could not be read (${code || (error as Error).message})`);
  }
  shape?.end();
  return { sha256: hash.digest('hex'), csvProblem: shape?.problem ?? null, csvRecords: shape?.records() ?? null };
}

/** Fails, naming the file, unless it starts and ends with Parquet's `PAR1` magic bytes. */
export function checkParquetMagic(file: InputFile): void {
  const magic = Buffer.from('PAR1');
  const fd = openSync(file.path, 'r');
  try {
    const start = Buffer.alloc(4);
    const end = Buffer.alloc(4);
    readSync(fd, start, 0, 4, 0);
    if (file.sizeBytes >= 8) readSync(fd, end, 0, 4, file.sizeBytes - 4);
    if (file.sizeBytes < 12 || !start.equals(magic) || !end.equals(magic)) {
      throw new RunError(`${file.path}: not a complete Parquet file (truncated, or another format named .parquet)`);
    }
  } finally {
    closeSync(fd);
  }
}
