import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';

/** One input file and what the ledger knows about it. */
export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Path as reported in rejects.csv and the manifest (relative to the input folder). */
  name: string;
  /** The role it plays in its format, e.g. `medical_claim`, `patients`. */
  role: string;
  kind: 'csv' | 'parquet' | 'ndjson';
  sizeBytes: number;
}

export function describeInput(path: string, name: string, role: string): InputFile {
  const lower = path.toLowerCase();
  const kind = lower.endsWith('.parquet') ? 'parquet' : lower.endsWith('.ndjson') || lower.endsWith('.ndjson.gz') ? 'ndjson' : 'csv';
  return { path, name, role, kind, sizeBytes: statSync(path).size };
}

/** SHA-256 of a file, streamed (inputs can be many gigabytes). */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
