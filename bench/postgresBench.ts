// The PostgreSQL row of bench/results.md: `node dist/bench/postgresBench.js` (after `make setup`).
// On the bench's claims CSV population (BENCH_SIZES, default 100k; generated as `make bench` does),
// in a throwaway local PostgreSQL cluster (test/postgres/pgCluster.ts: Debian's postgresql, installed
// when missing), alternating repeat by repeat:
//   (a) COPY of the three CSV files into text tables of a fresh input schema (the analogue of DuckDB's bare load);
//   (b) `caregap run --engine postgres` on that schema, every output written;
//   (c) `caregap run` (DuckDB) on the same CSV files, for the ratio measured in the same command.
// Peak RSS is the caregap process's only; the PostgreSQL server's memory is not counted.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { projectRoot } from '../pipeline/projectRoot.js';
import { copyCsvFolderIntoPostgres } from '../test/postgres/copyCsvIntoPostgres.js';
import { ensurePostgres, startCluster } from '../test/postgres/pgCluster.js';
import { benchOptionsFromEnv } from './benchOptions.js';
import { populationDir, preparePopulation } from './benchData.js';
import { loadRecords, saveRecord, type BenchRecord } from './benchRecord.js';
import { ensureGnuTime, measureChild } from './measureChild.js';
import { median } from './median.js';
import { renderResults } from './renderResults.js';
import { truthMismatches, truthOf } from './truthCheck.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const root = projectRoot();
  const options = benchOptionsFromEnv(process.env, root);
  const useGnuTime = ensureGnuTime(log);
  const postgres = ensurePostgres();
  if (!postgres.binDir) throw new Error(postgres.reason);
  const caregap = join(root, 'bin', 'caregap.js');
  for (const persons of options.sizes) {
    await preparePopulation(options.dataDir, persons, options.seed, log);
    const input = populationDir(options.dataDir, persons, 'csv');
    const memoryLimit = options.memoryLimitFor(persons);
    const cluster = await startCluster(postgres.binDir);
    try {
      const url = cluster.createDatabase('bench');
      const bare: BenchRecord['bare'] = { wallMs: [], peakRssBytes: [] };
      const run: BenchRecord['run'] = { wallMs: [], peakRssBytes: [] };
      const duckdbMs: number[] = [];
      const stageRuns: { stage: string; ms: number; rows?: number }[][] = [];
      let files: { file: string; rows: number }[] = [];
      let engineVersion = 'unknown';
      let duckdbVersion = 'unknown';
      let identical = true;
      const truth = truthOf(input);
      let truthGroupsDiffering: number | undefined;
      for (let repeat = 1; repeat <= options.repeats; repeat += 1) {
        const started = performance.now();
        await copyCsvFolderIntoPostgres(url, input, 'bench_input', 'claims');
        bare.wallMs.push(performance.now() - started);
        bare.peakRssBytes.push(0);
        const pgOut = join(options.dataDir, 'out', `${persons}-postgres`);
        const duckOut = join(options.dataDir, 'out', `${persons}-postgres-duckdb`);
        rmSync(pgOut, { recursive: true, force: true });
        rmSync(duckOut, { recursive: true, force: true });
        const common = ['--valuesets', join(input, 'valuesets'), '--quiet', '--threads', String(options.threads), '--memory-limit', memoryLimit];
        const b = await measureChild(process.execPath, [caregap, 'run', '--engine', 'postgres', '--database-url', url, '--schema', 'bench_input', '--format', 'claims', '--out', pgOut, ...common], useGnuTime);
        const c = await measureChild(process.execPath, [caregap, 'run', '--input', input, '--format', 'claims', '--out', duckOut, ...common], useGnuTime);
        run.wallMs.push(b.wallMs);
        run.peakRssBytes.push(b.peakRssBytes);
        duckdbMs.push(c.wallMs);
        const manifest = JSON.parse(readFileSync(join(pgOut, 'manifest.json'), 'utf8')) as {
          stages: { stage: string; ms: number; rows?: number }[];
          input: { files: { file: string; rowsRead: number }[] };
          engine: { version: string };
          duckdb_version: string;
        };
        stageRuns.push(manifest.stages);
        files = manifest.input.files.map((file) => ({ file: file.file, rows: file.rowsRead }));
        engineVersion = manifest.engine.version;
        duckdbVersion = manifest.duckdb_version;
        for (const name of ['patient_gaps.csv', 'episodes.csv']) {
          if (readFileSync(join(pgOut, name), 'utf8') !== readFileSync(join(duckOut, name), 'utf8')) identical = false;
        }
        if (truth) truthGroupsDiffering = Math.max(truthGroupsDiffering ?? 0, await truthMismatches(pgOut, truth));
        rmSync(pgOut, { recursive: true, force: true });
        rmSync(duckOut, { recursive: true, force: true });
        log(
          `bench postgres: ${persons} repeat ${repeat}/${options.repeats}: (a) COPY in ${(bare.wallMs.at(-1)! / 1000).toFixed(1)} s, ` +
            `(b) --engine postgres ${(b.wallMs / 1000).toFixed(1)} s, (c) DuckDB ${(c.wallMs / 1000).toFixed(1)} s; outputs ${identical ? 'identical' : 'DIFFER'}`,
        );
      }
      const record: BenchRecord = {
        persons,
        kind: 'postgres',
        inputRows: files.reduce((sum, file) => sum + file.rows, 0),
        inputBytes: 0,
        files,
        threads: options.threads,
        memoryLimit,
        workDb: 'postgres',
        truthGroupsDiffering,
        bare,
        run,
        stages: (stageRuns[0] ?? []).map((first, index) => ({ ...first, ms: median(stageRuns.map((stages) => stages[index]?.ms ?? 0)) })),
        commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim(),
        measuredAt: new Date().toISOString(),
        machine: {
          cpu: cpus()[0]?.model.trim() ?? 'unknown',
          cores: cpus().length,
          memoryGiB: Math.round(totalmem() / 1024 ** 3),
          os: `${type()} ${release()}`,
          node: process.versions.node,
          duckdb: duckdbVersion,
        },
        postgres: { duckdbRunMs: duckdbMs, outputsIdentical: identical, serverVersion: engineVersion.split(' on ')[0] ?? engineVersion },
      };
      saveRecord(options.resultsDir, record);
    } finally {
      cluster.stop();
    }
  }
  writeFileSync(options.reportPath, renderResults(loadRecords(options.resultsDir)));
  log(`bench postgres: wrote ${options.reportPath}`);
}

main().catch((error: unknown) => {
  log(`bench postgres failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
