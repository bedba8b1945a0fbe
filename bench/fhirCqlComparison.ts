// The engine comparison of `make bench` for FHIR (BENCH_KINDS including fhir): on one FHIR bulk
// population (BENCH_CQL_PERSONS, default 50,000; 0 skips it), `caregap run` (all rules, every
// output) against cql-execution evaluating one rule (bench/fhirCqlBench.ts), alternating repeat by
// repeat in the same bench command, each in its own child process.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOptions } from './benchOptions.js';
import { fhirPopulationDir, prepareFhirPopulation } from './fhirBenchData.js';
import { measureChild } from './measureChild.js';
import { median } from './median.js';

/** One comparison: repeats of caregap's whole run and of cql-execution's evaluation on the same population. */
export interface CqlComparisonRecord {
  persons: number;
  /** Wall time of each `caregap run` (whole process: load, every rule, every output). */
  caregapWallMs: number[];
  /** cql-execution's evaluation time of each repeat (bundles already built, see fhirCqlBench.ts). */
  cqlEvaluateMs: number[];
  /** Patients cql-execution evaluated, resources in their bundles, and how many it found untreated. */
  cqlPatients: number;
  cqlResources: number;
  cqlUntreated: number;
  threads: number;
  commit: string;
  measuredAt: string;
}

/** Medians of a comparison: persons per second of each engine and caregap's multiple of cql-execution. */
export function cqlFigures(record: CqlComparisonRecord): { caregapRate: number; cqlRate: number; ratio: number } {
  const caregapRate = (record.persons * 1000) / median(record.caregapWallMs);
  const cqlRate = (record.cqlPatients * 1000) / median(record.cqlEvaluateMs);
  return { caregapRate, cqlRate, ratio: caregapRate / cqlRate };
}

/** The comparison's persons from BENCH_CQL_PERSONS (default 50,000); 0 when it is switched off. */
export function cqlPersonsFromEnv(env: NodeJS.ProcessEnv): number {
  const persons = Number(env.BENCH_CQL_PERSONS ?? 50_000);
  if (!Number.isInteger(persons) || persons < 0) throw new Error('BENCH_CQL_PERSONS: expected a whole number >= 0');
  return persons;
}

const recordDir = (resultsDir: string): string => join(resultsDir, 'cql');

/** Every comparison record under `<resultsDir>/cql`, by size. */
export function loadCqlRecords(resultsDir: string): CqlComparisonRecord[] {
  const dir = recordDir(resultsDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as CqlComparisonRecord)
    .sort((a, b) => a.persons - b.persons);
}

/**
 * Measures the comparison at `persons` (generating the population first when missing) and saves
 * it as `<resultsDir>/cql/<persons>.json`. cql-execution runs with an 8 GB heap: it holds every
 * bundle in memory.
 */
export async function measureCqlComparison(
  options: BenchOptions,
  persons: number,
  context: { root: string; commit: string; useGnuTime: boolean; log: (line: string) => void },
): Promise<CqlComparisonRecord> {
  await prepareFhirPopulation(options.dataDir, persons, options.seed, context.log);
  const input = fhirPopulationDir(options.dataDir, persons);
  const out = join(options.dataDir, 'out', `${persons}-fhir-cql`);
  const threads = String(options.threads);
  const record: CqlComparisonRecord = {
    persons, caregapWallMs: [], cqlEvaluateMs: [], cqlPatients: 0, cqlResources: 0, cqlUntreated: 0,
    threads: options.threads, commit: context.commit, measuredAt: new Date().toISOString(),
  };
  for (let repeat = 1; repeat <= options.repeats; repeat += 1) {
    rmSync(out, { recursive: true, force: true });
    rmSync(options.tempDir, { recursive: true, force: true });
    mkdirSync(options.tempDir, { recursive: true });
    const run = await measureChild(
      process.execPath,
      [join(context.root, 'bin', 'caregap.js'), 'run', '--input', input, '--valuesets', join(input, 'valuesets'), '--out', out,
        '--quiet', '--threads', threads, '--memory-limit', options.memoryLimitFor(persons), '--temp-dir', options.tempDir],
      context.useGnuTime,
    );
    rmSync(out, { recursive: true, force: true });
    const cql = await measureChild(
      process.execPath,
      ['--max-old-space-size=8192', join(context.root, 'dist', 'bench', 'fhirCqlBench.js'), input],
      context.useGnuTime,
    );
    const result = JSON.parse(cql.stdout.trim().split('\n').at(-1) ?? '{}') as {
      patients: number; resources: number; untreated: number; evaluate_ms: number;
    };
    record.caregapWallMs.push(run.wallMs);
    record.cqlEvaluateMs.push(result.evaluate_ms);
    record.cqlPatients = result.patients;
    record.cqlResources = result.resources;
    record.cqlUntreated = result.untreated;
    context.log(
      `bench: cql comparison ${persons} repeat ${repeat}/${options.repeats}: caregap run ${(run.wallMs / 1000).toFixed(1)} s, ` +
        `cql-execution ${(result.evaluate_ms / 1000).toFixed(1)} s for ${result.patients} patients`,
    );
  }
  rmSync(options.tempDir, { recursive: true, force: true });
  mkdirSync(recordDir(options.resultsDir), { recursive: true });
  writeFileSync(join(recordDir(options.resultsDir), `${persons}.json`), `${JSON.stringify(record, null, 2)}\n`);
  return record;
}
