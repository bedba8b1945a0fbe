import { statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { listDataFiles } from './loaders/discover.js';

/** Where a run keeps its working tables (`--work-db`). */
export type WorkDbChoice = 'auto' | 'memory' | 'disk';

/**
 * How much bigger than the file a source becomes as uncompressed DuckDB tables, roughly: Parquet
 * and gzip are compressed on disk (measured on the bench populations: 1M persons are 119 MB of
 * Parquet and 2.2 GB of CSV), text is about its own size.
 */
function expansion(name: string): number {
  const lower = name.toLowerCase();
  if (lower.endsWith('.parquet')) return 15;
  if (lower.endsWith('.gz')) return 8;
  return 1;
}

/** A DuckDB size setting such as `2GB` or `512 MiB`: the number, then the unit. */
export const sizePattern = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

const units: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** Bytes of a DuckDB size setting such as `2GB`; DuckDB's own default (80% of RAM) when absent. */
export function memoryLimitBytes(limit: string | undefined): number {
  const match = limit?.trim().match(sizePattern);
  if (!match) return 0.8 * totalmem();
  return Number(match[1]) * (units[match[2]!.toLowerCase()] ?? 1);
}

/** Estimated size of an input folder once loaded, uncompressed. */
export function estimatedWorkingBytes(inputDir: string): number {
  return listDataFiles(inputDir).reduce((sum, name) => sum + statSync(join(inputDir, name)).size * expansion(name), 0);
}

/**
 * `auto` keeps the working tables in memory (fastest: 1M persons from Parquet 30.6 s in memory,
 * 39.3 s in a database file) unless the inputs would take more than twice the memory limit;
 * then a database file, whose tables DuckDB stores compressed, so spilling stays bounded
 * (10M persons in memory spilled 51 GB before this existed; in a file at most 7.4 GB).
 */
export function resolveWorkDb(choice: WorkDbChoice, inputDir: string, memoryLimit: string | undefined): 'memory' | 'disk' {
  if (choice !== 'auto') return choice;
  return estimatedWorkingBytes(inputDir) > 2 * memoryLimitBytes(memoryLimit) ? 'disk' : 'memory';
}

/**
 * Whether a run should skip DuckDB's automatic checkpoints: in memory, always. Each one compresses
 * every in-memory table written since the last (CPU spent on tables that live for one run), inside
 * whichever statement crosses the threshold. Measured at 1M persons, 2GB limit, where the inputs
 * take about the whole limit uncompressed: Parquet 1% 14.5-16.2 s without against 15.8-20.5 s with
 * (peak RSS 2.15-2.21 GB against 2.23-2.27 GB), Parquet enriched 43.4 s against 44.6 s, CSV enriched
 * 84.1 s against 87.7 s (2.58 GB against 2.70 GB). A database file (--work-db disk, or inputs over
 * twice the limit) keeps them: there they are how tables reach the file.
 */
export function skipAutomaticCheckpoints(where: 'memory' | 'disk'): boolean {
  return where === 'memory';
}
