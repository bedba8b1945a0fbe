import { resolve } from 'node:path';

/** What one `make bench` measures; every field can be set from the environment. */
export interface BenchOptions {
  /** Population sizes (persons), e.g. BENCH_SIZES=100000,1000000. */
  sizes: number[];
  /** Measured repeats of each run; the median is reported (BENCH_REPEATS, default 3). */
  repeats: number;
  /**
   * Shares of persons with a fracture episode (BENCH_SHARES, default 0.01,0.42: realistic and the
   * generator's enriched default); each claims population is generated and measured per share.
   * FHIR populations are measured at the generator's default share only.
   */
  shares: number[];
  /** Input file types to measure (BENCH_KINDS=csv,parquet; `fhir`: FHIR bulk NDJSON, asked for explicitly). */
  kinds: InputKind[];
  /** DuckDB threads for every run (BENCH_THREADS, default 2). */
  threads: number;
  /** Memory limit for a size: BENCH_MEMORY_LIMIT, else 2GB up to 1M persons and 4GB above. */
  memoryLimitFor: (persons: number) => string;
  /** Generator seed (BENCH_SEED, default 42). */
  seed: number;
  /** Where generated populations, outputs and spill files go (BENCH_DATA_DIR, gitignored). */
  dataDir: string;
  /** Where DuckDB spills (BENCH_TEMP_DIR, default <dataDir>/spill). */
  tempDir: string;
  /** Folder of per-(size, kind) result records (BENCH_RESULTS_DIR, default bench/results). */
  resultsDir: string;
  /** The report rendered from every record (BENCH_REPORT, default bench/results.md). */
  reportPath: string;
}

/** `postgres`: the CSV files copied into PostgreSQL, run with --engine postgres (bench/postgresBench.ts). */
export type InputKind = 'csv' | 'parquet' | 'fhir' | 'postgres';

function numberList(text: string): number[] {
  return text
    .split(',')
    .map((part) => part.trim().replaceAll('_', ''))
    .filter((part) => part !== '')
    .map((part) => {
      const value = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(part);
      if (!value) throw new Error(`BENCH_SIZES: not a size: ${part}`);
      const scale = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[value[2] ?? ''] ?? 1;
      return Math.round(Number(value[1]) * scale);
    });
}

/**
 * Reads the benchmark settings from the environment (see the field docs for the variables).
 * The 10M population is never a default: ask for it with BENCH_SIZES=10M.
 * Throws on a malformed value.
 */
export function benchOptionsFromEnv(env: NodeJS.ProcessEnv, root: string): BenchOptions {
  const dataDir = resolve(root, env.BENCH_DATA_DIR ?? 'bench/data');
  const kinds = (env.BENCH_KINDS ?? 'csv,parquet').split(',').map((kind) => kind.trim());
  for (const kind of kinds) if (kind !== 'csv' && kind !== 'parquet' && kind !== 'fhir') throw new Error(`BENCH_KINDS: unknown kind ${kind}`);
  const repeats = Number(env.BENCH_REPEATS ?? 3);
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error('BENCH_REPEATS: expected a whole number >= 1');
  const shares = (env.BENCH_SHARES ?? '0.01,0.42').split(',').filter((part) => part.trim() !== '').map((part) => {
    const share = Number(part.trim());
    if (!/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(part) || share <= 0 || share > 1) throw new Error(`BENCH_SHARES: not a share between 0 and 1: ${part}`);
    return share;
  });
  if (shares.length === 0) throw new Error('BENCH_SHARES: expected at least one share, e.g. 0.01,0.42');
  return {
    sizes: numberList(env.BENCH_SIZES ?? '100000,1000000'),
    shares,
    repeats,
    kinds: kinds as InputKind[],
    threads: Number(env.BENCH_THREADS ?? 2),
    memoryLimitFor: (persons) => env.BENCH_MEMORY_LIMIT ?? (persons > 1_000_000 ? '4GB' : '2GB'),
    seed: Number(env.BENCH_SEED ?? 42),
    dataDir,
    tempDir: resolve(root, env.BENCH_TEMP_DIR ?? `${dataDir}/spill`),
    resultsDir: resolve(root, env.BENCH_RESULTS_DIR ?? 'bench/results'),
    reportPath: resolve(root, env.BENCH_REPORT ?? 'bench/results.md'),
  };
}
