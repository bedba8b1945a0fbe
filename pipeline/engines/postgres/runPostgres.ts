import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RunConfig } from '../../config.js';
import { withDb, type Db } from '../../db.js';
import { RunError, UsageError } from '../../errors.js';
import { removeOnInterrupt } from '../../interruption.js';
import type { Progress } from '../../progress.js';
import { runRulePack } from '../../rules/runRulePack.js';
import { finishRun, ruleParamsOf, type RunSummary } from '../../runPipeline.js';
import { quotedIdentifier } from '../../sql.js';
import { copyTablesToDuckDb } from './copyToDuckDb.js';
import { redactedUrl } from './databaseUrl.js';
import { countDrugCodesInPostgres } from './drugCodesInPostgres.js';
import { findInputTables, type PgInputFormat } from './inputTables.js';
import { loadInPostgres, workingSchemaName } from './loadInPostgres.js';
import { PgDb } from './pgDb.js';
import { tablesLeavingPostgres } from './tablesLeavingPostgres.js';

/** Connects, or says plainly (exit 2) that --database-url does not lead to a database. */
async function connect(url: string): Promise<PgDb> {
  try {
    return await PgDb.connect(url);
  } catch (error) {
    throw new UsageError(`--database-url ${redactedUrl(url)}: cannot connect: ${(error as Error).message}`);
  }
}

/**
 * `caregap run --engine postgres` (docs/postgres.md): the input tables of --schema are checked
 * (exit 2 naming a missing table or column, before anything is created), then in a working schema
 * of its own (caregap_work_<pid>_<random>) PostgreSQL validates and loads them (same checks and
 * reject ledger as the file loaders), loads the value sets and runs every pass of the rule pack.
 * The episode-level result tables leave by COPY into an in-memory DuckDB, where finishRun writes
 * every output as a DuckDB run does. The working schema is dropped at the end, on failure and when
 * interrupted (SIGINT/SIGTERM cancel the running statement first); the input schema is only read.
 */
export async function runPostgres(config: RunConfig, progress: Progress): Promise<RunSummary> {
  const outDir = resolve(config.out);
  const startedAt = new Date().toISOString();
  const url = config.databaseUrl ?? '';
  const inputSchema = config.schema ?? '';
  const format = config.format as PgInputFormat;
  const pg = await connect(url);
  const spillDir = config.tempDir ?? join(dirname(outDir), `.caregap-spill-${process.pid}`);
  let forgetSpill: () => void = () => undefined;
  let spillCreated = false;
  try {
    const tables = await findInputTables(pg, inputSchema, format);
    const engineVersion = await pg.version();
    mkdirSync(spillDir, { recursive: true });
    spillCreated = config.tempDir === undefined;
    if (spillCreated) forgetSpill = removeOnInterrupt(spillDir);
    return await withDb({ threads: config.threads, memoryLimit: config.memoryLimit, tempDirectory: spillDir }, async (duck) => {
      const work = workingSchemaName();
      const inPostgres = await runInWorkingSchema(pg, work, async () => {
        const load = await progress.stage('load (postgres)', () =>
          loadInPostgres(pg, { schema: inputSchema, format, asOf: config.asOf, tables }),
        );
        const rejected = load.files.reduce((sum, file) => sum + file.rowsRejected, 0);
        if (config.strict && rejected > 0) await failOnFirstReject(pg);
        // The rule pack's own cg_* functions for this engine: rules/functions/postgres.sql.
        const rulePackOptions = {
          params: ruleParamsOf(config),
          valueSetDirs: config.valuesets.map((dir) => resolve(dir)),
          onStage: (stage: string, ms: number) => progress.record({ stage, ms }),
          engine: 'postgres' as const,
        };
        // PgDb has every method of Db the rule pack calls (run, all, one, columns, version).
        const rules = await runRulePack(pg as unknown as Db, rulePackOptions);
        const drugCodes = await progress.stage('data quality: drug codes', () => countDrugCodesInPostgres(pg));
        const qualifying = await pg.one<{ diagnoses: number; persons: number }>(
          `select count(*)::integer as diagnoses, count(distinct person_id)::integer as persons from qualifying_diagnosis`,
        );
        await progress.stage('copy results from postgres', () => copyTablesToDuckDb(pg, duck, tablesLeavingPostgres, spillDir));
        return { load, rejected, rules, drugCodes, qualifying };
      });
      const { load, rejected, rules, drugCodes, qualifying } = inPostgres;
      return finishRun(duck, config, progress, outDir, {
        startedAt,
        load,
        rules,
        rejected,
        drugCodes,
        attrition: {
          qualifyingDiagnoses: qualifying?.diagnoses ?? 0,
          personsWithQualifyingDiagnosis: qualifying?.persons ?? 0,
          episodes: rules.episodes,
        },
        workDb: 'postgres',
        engine: { name: 'postgres', version: engineVersion, schema: inputSchema },
      });
    });
  } finally {
    await pg.close();
    if (spillCreated) rmSync(spillDir, { recursive: true, force: true });
    forgetSpill();
  }
}

/**
 * Creates the working schema, makes it the connection's search path, runs `work`, and drops the
 * schema (cascade) whatever happens: success, a failed statement, or a signal (the statement is
 * cancelled, then the drop runs on the same connection).
 */
export async function runInWorkingSchema<T>(pg: PgDb, schema: string, work: () => Promise<T>): Promise<T> {
  await pg.client.query(`create schema ${quotedIdentifier(schema)}`);
  try {
    await pg.useSchema(schema);
    return await work();
  } finally {
    // client.query directly: the drop must run even after a signal (PgDb.run refuses then).
    await pg.client.query('reset search_path').catch(() => undefined);
    await pg.client.query(`drop schema if exists ${quotedIdentifier(schema)} cascade`);
  }
}

async function failOnFirstReject(pg: PgDb): Promise<never> {
  const first = await pg.one<{ file: string; line: string; column: string; reason: string }>(
    `select file, line, "column", reason from load_reject order by file, line limit 1`,
  );
  throw new RunError(`--strict: table ${first?.file} row ${first?.line}, column ${first?.column}: ${first?.reason}`);
}
