import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputKind } from './benchOptions.js';
import { shareOf, shareSuffix } from './episodeShare.js';

/** The machine a record was measured on. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  duckdb: string;
}

/** Repeated measurements of one command (each entry one repeat, in run order). */
export interface RepeatedRuns {
  wallMs: number[];
  peakRssBytes: number[];
}

/**
 * Everything measured for one (population size, file type) in one bench command: the bare load (a)
 * and `caregap run` (b) alternating, repeat by repeat, on the same files.
 */
export interface BenchRecord {
  persons: number;
  kind: InputKind;
  /** Share of persons with a fracture episode (generate --episode-share); absent in older records: 0.42. */
  episodeShare?: number;
  /** Data rows over all input files, as DuckDB counted them in the bare load. */
  inputRows: number;
  inputBytes: number;
  files: { file: string; rows: number }[];
  threads: number;
  memoryLimit: string;
  /** Where (a) and (b) kept their tables (`--work-db auto`'s choice); absent in older records: memory. */
  workDb?: string;
  /**
   * (rule, status, reason) groups of (b)'s patient_gaps that differ from the generator's truth,
   * the most over the repeats; 0 = every count agrees. Absent when the population has no truth.
   */
  truthGroupsDiffering?: number;
  bare: RepeatedRuns;
  run: RepeatedRuns;
  /** Median milliseconds of each manifest stage over the repeats of (b), in stage order. */
  stages: { stage: string; ms: number; rows?: number }[];
  commit: string;
  measuredAt: string;
  machine: MachineInfo;
  /** kind `postgres` only: DuckDB runs of the same CSV files in the same command, and whether both engines' outputs were byte-identical. */
  postgres?: { duckdbRunMs: number[]; outputsIdentical: boolean; serverVersion?: string };
}

/**
 * Writes a record as `<persons>-<kind>[-share<share>].json` in `dir` (no share in the name for the
 * enriched default, as before shares existed), replacing an earlier one of the same key.
 */
export function saveRecord(dir: string, record: BenchRecord): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, recordFileName(record)), `${JSON.stringify(record, null, 2)}\n`);
}

/** File name of a record: one file per (size, file type, episode share). */
export function recordFileName(record: Pick<BenchRecord, 'persons' | 'kind' | 'episodeShare'>): string {
  return `${record.persons}-${record.kind}${shareSuffix(shareOf(record))}.json`;
}

/** Every record in `dir`, by size, then file type, then episode share. */
export function loadRecords(dir: string): BenchRecord[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as BenchRecord)
    .sort((a, b) => a.persons - b.persons || a.kind.localeCompare(b.kind) || shareOf(a) - shareOf(b));
}
