// The benchmark's baseline: DuckDB reading every input file into a table, and nothing else.
// Usage: node dist/bench/bareLoad.js <input-dir> <threads> <memory-limit> <temp-dir>
// Prints one JSON line: {"duckdb_version": ..., "files": [{"file": ..., "rows": ...}]}.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { withDb } from '../pipeline/db.js';
import { quotedString } from '../pipeline/sql.js';
import { resolveWorkDb } from '../pipeline/workDb.js';

/**
 * DuckDB's own reader for a data file: CSV read as text (as caregap reads it), Parquet, or NDJSON
 * (FHIR bulk data) with `read_ndjson_auto`: every resource whole, its structure inferred by DuckDB.
 */
export function readerFor(path: string): string {
  if (/\.ndjson(\.gz)?$/.test(path)) return `read_ndjson_auto(${quotedString(path)})`;
  return path.endsWith('.parquet')
    ? `read_parquet(${quotedString(path)})`
    : `read_csv(${quotedString(path)}, header = true, all_varchar = true)`;
}

/**
 * Loads every `*.csv` / `*.parquet` / `*.ndjson` in `inputDir` (generator truth excluded) into its own table
 * with `create table as select *`; returns the rows of each and the DuckDB version. The tables go
 * where `caregap run --work-db auto` would put its own (in memory, or a database file in the temp
 * folder for inputs large for the memory limit), so (a) and (b) store data the same way.
 */
export async function bareLoad(
  inputDir: string,
  settings: { threads: number; memoryLimit: string; tempDirectory: string },
): Promise<{ duckdb_version: string; work_db: string; files: { file: string; rows: number }[] }> {
  const workDb = resolveWorkDb('auto', inputDir, settings.memoryLimit);
  const path = workDb === 'disk' ? join(settings.tempDirectory, 'bare-load.duckdb') : undefined;
  const names = readdirSync(inputDir)
    .filter((name) => /\.(csv|parquet|ndjson|ndjson\.gz)$/.test(name) && !name.startsWith('truth'))
    .sort();
  return withDb({ ...settings, path }, async (db) => {
    const files: { file: string; rows: number }[] = [];
    for (const [index, name] of names.entries()) {
      await db.run(`create table bare_${index} as select * from ${readerFor(join(inputDir, name))}`);
      const row = await db.one<{ n: string }>(`select count(*) as n from bare_${index}`);
      files.push({ file: name, rows: Number(row?.n ?? 0) });
    }
    return { duckdb_version: await db.version(), work_db: workDb, files };
  });
}

const [inputDir, threads, memoryLimit, tempDirectory] = process.argv.slice(2);
if (inputDir && threads && memoryLimit && tempDirectory) {
  const result = await bareLoad(inputDir, { threads: Number(threads), memoryLimit, tempDirectory });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
