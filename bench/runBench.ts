// `make bench`: measures `caregap run` against DuckDB's bare load of the same files and writes
// bench/results.md. Settings come from the environment (bench/benchOptions.ts), e.g.
//   BENCH_SIZES=100000,1000000 BENCH_REPEATS=3 BENCH_KINDS=csv,parquet make bench
//   BENCH_SIZES=10M BENCH_SHARES=0.01 BENCH_REPEATS=1 make bench   (the 10M run: 4GB memory limit, not in CI)
//   BENCH_SIZES=200k BENCH_KINDS=parquet make bench    (200k persons at 1% and enriched, as the acceptance check)
// Claims populations are measured at each BENCH_SHARES share (default 0.01,0.42: realistic, enriched).
//   BENCH_SIZES=200k BENCH_KINDS=fhir make bench       (FHIR bulk NDJSON against a bare read_ndjson_auto,
//                                                       and at 50k caregap against cql-execution; BENCH_CQL_PERSONS)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../pipeline/projectRoot.js';
import { benchOptionsFromEnv, type BenchOptions, type InputKind } from './benchOptions.js';
import { REPLICATION_BASE, claimsStems, populationDir, preparePopulation } from './benchData.js';
import { prepareFhirPopulation } from './fhirBenchData.js';
import { cqlPersonsFromEnv, loadCqlRecords, measureCqlComparison } from './fhirCqlComparison.js';
import { loadRecords, saveRecord, type BenchRecord, type MachineInfo } from './benchRecord.js';
import { ensureGnuTime, measureChild } from './measureChild.js';
import { median } from './median.js';
import { renderResults } from './renderResults.js';
import { truthMismatches, truthOf } from './truthCheck.js';
import { ENRICHED_SHARE, shareSuffix } from './episodeShare.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function gitCommit(root: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function inputBytes(dir: string): number {
  return readdirSync(dir)
    .filter((name) => claimsStems.some((stem) => name.startsWith(stem)) || /\.ndjson(\.gz)?$/.test(name))
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

interface Manifest {
  stages: { stage: string; ms: number; rows?: number }[];
  work_db?: string;
}

async function measureOne(options: BenchOptions, persons: number, kind: InputKind, useGnuTime: boolean, root: string, share = ENRICHED_SHARE): Promise<BenchRecord> {
  const input = populationDir(options.dataDir, persons, kind, share);
  const memoryLimit = options.memoryLimitFor(persons);
  const threads = String(options.threads);
  const out = join(options.dataDir, 'out', `${persons}-${kind}${shareSuffix(share)}`);
  const bareScript = join(root, 'dist', 'bench', 'bareLoad.js');
  const caregap = join(root, 'bin', 'caregap.js');
  const bare: BenchRecord['bare'] = { wallMs: [], peakRssBytes: [] };
  const run: BenchRecord['run'] = { wallMs: [], peakRssBytes: [] };
  const stageRuns: Manifest['stages'][] = [];
  let files: { file: string; rows: number }[] = [];
  let duckdb = 'unknown';
  let workDb = 'memory';
  const truth = truthOf(input);
  let truthGroupsDiffering: number | undefined;

  for (let repeat = 1; repeat <= options.repeats; repeat += 1) {
    const freshSpill = (): string => {
      rmSync(options.tempDir, { recursive: true, force: true });
      mkdirSync(options.tempDir, { recursive: true });
      return options.tempDir;
    };
    const a = await measureChild(process.execPath, [bareScript, input, threads, memoryLimit, freshSpill()], useGnuTime);
    const loaded = JSON.parse(a.stdout.trim().split('\n').at(-1) ?? '{}') as { duckdb_version: string; files: typeof files };
    files = loaded.files;
    duckdb = loaded.duckdb_version;
    bare.wallMs.push(a.wallMs);
    bare.peakRssBytes.push(a.peakRssBytes);

    rmSync(out, { recursive: true, force: true });
    const b = await measureChild(
      process.execPath,
      [caregap, 'run', '--input', input, '--valuesets', join(input, 'valuesets'), '--out', out, '--quiet',
        '--threads', threads, '--memory-limit', memoryLimit, '--temp-dir', freshSpill()],
      useGnuTime,
    );
    run.wallMs.push(b.wallMs);
    run.peakRssBytes.push(b.peakRssBytes);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    stageRuns.push(manifest.stages);
    workDb = manifest.work_db ?? 'memory';
    if (truth) truthGroupsDiffering = Math.max(truthGroupsDiffering ?? 0, await truthMismatches(out, truth));
    rmSync(out, { recursive: true, force: true });
    log(
      `bench: ${persons} ${kind}${kind === 'fhir' ? '' : ` share ${share}`} repeat ${repeat}/${options.repeats}: (a) ${(a.wallMs / 1000).toFixed(1)} s, ` +
        `(b) ${(b.wallMs / 1000).toFixed(1)} s, b/a ${(b.wallMs / a.wallMs).toFixed(2)}, peak RSS (b) ${(b.peakRssBytes / 1024 ** 3).toFixed(2)} GB`,
    );
  }
  rmSync(options.tempDir, { recursive: true, force: true });

  const stages = (stageRuns[0] ?? []).map((first, index) => {
    const entry: { stage: string; ms: number; rows?: number } = {
      stage: first.stage,
      ms: median(stageRuns.map((stages) => stages[index]?.ms ?? 0)),
    };
    if (first.rows !== undefined) entry.rows = first.rows;
    return entry;
  });
  const machine: MachineInfo = {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    os: `${type()} ${release()}`,
    node: process.versions.node,
    duckdb,
  };
  return {
    persons,
    kind,
    ...(kind === 'fhir' ? {} : { episodeShare: share }),
    inputRows: files.reduce((sum, file) => sum + file.rows, 0),
    inputBytes: inputBytes(input),
    files,
    threads: options.threads,
    memoryLimit,
    workDb,
    truthGroupsDiffering,
    bare,
    run,
    stages,
    commit: gitCommit(root),
    measuredAt: new Date().toISOString(),
    machine,
  };
}

async function main(): Promise<void> {
  const root = projectRoot();
  const options = benchOptionsFromEnv(process.env, root);
  const useGnuTime = ensureGnuTime(log);
  if (!useGnuTime) log('bench: no GNU time; sampling VmHWM from /proc for peak RSS');
  for (const persons of options.sizes) {
    for (const [shareIndex, share] of options.shares.entries()) {
      if (options.kinds.some((kind) => kind !== 'fhir')) await preparePopulation(options.dataDir, persons, options.seed, log, share);
      for (const kind of options.kinds) {
        // FHIR populations have the generator's default share: measured once per size.
        if (kind === 'fhir' && shareIndex > 0) continue;
        if (kind === 'fhir') await prepareFhirPopulation(options.dataDir, persons, options.seed, log);
        if (persons > REPLICATION_BASE && kind !== 'parquet') {
          log(`bench: ${persons.toLocaleString('en-US')} persons are measured from Parquet only; skipping ${kind}`);
          continue;
        }
        const record = await measureOne(options, persons, kind, useGnuTime, root, share);
        saveRecord(options.resultsDir, record);
        // Rewritten after every measurement, so a long bench leaves its figures so far.
        writeFileSync(options.reportPath, renderResults(loadRecords(options.resultsDir), loadCqlRecords(options.resultsDir)));
      }
    }
  }
  // FHIR: caregap against cql-execution on one population (BENCH_CQL_PERSONS, default 50k; 0 skips).
  const cqlPersons = cqlPersonsFromEnv(process.env);
  if (options.kinds.includes('fhir') && cqlPersons > 0) {
    await measureCqlComparison(options, cqlPersons, { root, commit: gitCommit(root), useGnuTime, log });
    writeFileSync(options.reportPath, renderResults(loadRecords(options.resultsDir), loadCqlRecords(options.resultsDir)));
  }
  log(`bench: wrote ${options.reportPath}`);
}

await main();
