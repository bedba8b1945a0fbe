import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RunWarning } from './dataQuality/runWarning.js';
import type { RunConfig } from './config.js';
import { bothSettled } from './bothSettled.js';
import { withDb, type Db } from './db.js';
import { drugCodeRules, drugCodeWarnings } from './dataQuality/drugCodeWarnings.js';
import { countDrugCodes, type DrugCodeCounts } from './dataQuality/drugCodes.js';
import { implausibleDateWarnings } from './dataQuality/implausibleDateWarnings.js';
import { RunError } from './errors.js';
import { loadInputs, type LoadResult } from './loaders/loadInputs.js';
import { buildRelevantCodes } from './loaders/relevantCodes.js';
import { loadValueSets } from './rules/loadValueSets.js';
import { writeAtomically } from './outputDir.js';
import { evaluateFailIf, type FailIfResult } from './failIf/evaluateFailIf.js';
import { parseFailIfList } from './failIf/parseFailIf.js';
import { readFailIfMetrics } from './failIf/readFailIfMetrics.js';
import { buildWorklist } from './worklist/buildWorklist.js';
import { writeWorklist } from './worklist/writeWorklist.js';
import { pseudonymKeyFingerprint } from '../reports/pseudonymKeyFingerprint.js';
import type { RuleParams } from './params.js';
import { Progress } from './progress.js';
import { runRulePack, type RulePackResult } from './rules/runRulePack.js';
import { pseudonymizePersonIds, readPseudonymKey } from '../reports/pseudonymize.js';
import type { AttritionInput } from '../reports/types.js';
import { caregapVersion } from './version.js';
import { writeEpisodes } from './writeEpisodes.js';
import { episodeExportColumns } from './rules/episodeExportColumns.js';
import { writePatientGaps, writeRejects } from './writeTables.js';
import { resolveWorkDb, skipAutomaticCheckpoints } from './workDb.js';
import { removeOnInterrupt } from './interruption.js';

/** What a finished run reports back to its caller. */
export interface RunSummary {
  outDir: string;
  load: LoadResult;
  rules: RulePackResult;
  rejected: number;
  /** Every --fail-if expression with its outcome (exit code 3 when one holds). */
  failIf: FailIfResult[];
  /** Warnings about the results (manifest.json `warnings`), e.g. drug codes that match no value set. */
  warnings: RunWarning[];
}

/** The rule parameters of a run's settings. */
export function ruleParamsOf(config: RunConfig): RuleParams {
  return {
    asOf: config.asOf,
    minAge: config.minAge,
    episodeGapDays: config.episodeGapDays,
    conservativeCareDays: config.conservativeCareDays,
    calciumMinMg: config.calciumMinMg,
    vitaminDMinIu: config.vitaminDMinIu,
    level: config.level,
    courseDays: config.courseDays,
    permissibleGapDays: config.permissibleGapDays,
    adherenceThreshold: config.adherenceThreshold,
  };
}

/**
 * A whole `caregap run`: load the inputs into the canonical tables, apply the rule pack in SQL
 * passes over the population, and write every output into a temporary folder that replaces
 * `config.out` only when complete. Throws UsageError (exit 2) or RunError (exit 1).
 */
export async function runPipeline(config: RunConfig, progress: Progress): Promise<RunSummary> {
  // The PostgreSQL engine runs the load and the rule pack in the database, then finishRun here.
  if (config.engine === 'postgres') return (await import('./engines/postgres/runPostgres.js')).runPostgres(config, progress);
  const outDir = resolve(config.out);
  // Decided before anything is created: an unreadable input folder fails here with nothing to clean.
  const where = resolveWorkDb(config.workDb, config.input ?? '', config.memoryLimit);
  const spillDir = config.tempDir ?? join(dirname(outDir), `.caregap-spill-${process.pid}`);
  mkdirSync(spillDir, { recursive: true });
  const workDb = where === 'disk' ? join(spillDir, `caregap-work-${process.pid}.duckdb`) : undefined;
  // A signal removes what this run created: its own spill folder, or only its database in a --temp-dir.
  const created = config.tempDir === undefined ? [spillDir] : workDb === undefined ? [] : [workDb, `${workDb}.wal`];
  const forget = created.map((path) => removeOnInterrupt(path));
  try {
    return await withDb(
      {
        threads: config.threads,
        memoryLimit: config.memoryLimit,
        tempDirectory: spillDir,
        path: workDb,
        checkpointThreshold: skipAutomaticCheckpoints(where) ? '1TB' : undefined,
      },
      (db) => runInDb(db, config, progress, outDir, where),
    );
  } finally {
    if (config.tempDir === undefined) rmSync(spillDir, { recursive: true, force: true });
    else if (workDb !== undefined) for (const file of [workDb, `${workDb}.wal`]) rmSync(file, { force: true });
    for (const done of forget) done();
  }
}

async function runInDb(db: Db, config: RunConfig, progress: Progress, outDir: string, workDb: 'memory' | 'disk'): Promise<RunSummary> {
  const startedAt = new Date().toISOString();
  // The report writer and its charts are compiled while DuckDB loads the inputs on its own threads,
  // instead of before the run starts.
  const reportWriter = import('../reports/writeReports.js');
  reportWriter.catch(() => undefined); // awaited below; a failure there fails the run
  // Value sets first: the claims loaders store only the events they can match (relevantCodes.ts).
  const valueSetDirs = config.valuesets.map((dir) => resolve(dir));
  const valueSets = await progress.stage('value_sets', () => loadValueSets(db, valueSetDirs));
  const load = await loadInputs(db, {
    inputDir: config.input ?? '',
    format: config.format,
    asOf: config.asOf,
    relevant: await buildRelevantCodes(db),
    materializeCanonical: config.materializeCanonical,
    // Nothing in a run reads the claims event view: the files' copies are released as each is loaded.
    claimsEventView: false,
    onFile: (entry, ms) => progress.record({ stage: `load ${entry.file}`, ms, rows: entry.rowsRead }),
  });
  const rejected = load.files.reduce((sum, file) => sum + file.rowsRejected, 0);
  if (config.strict && rejected > 0) await failOnFirstReject(db);

  const rules = await runRulePack(db, {
    params: ruleParamsOf(config),
    valueSetDirs,
    valueSets,
    concurrent: true,
    onStage: (stage, ms) => progress.record({ stage, ms }),
  });

  // Before pseudonymisation: the worklist joins evidence tables that hold the real person ids.
  if (config.worklist) await progress.stage('worklist', () => buildWorklist(db));
  // Drug codes that cannot be trusted make rules A and B report false gaps: say so everywhere (docs/fda-ndc-import.md).
  const drugCodes = await progress.stage('data quality: drug codes', () => countDrugCodes(db));
  const attrition = await attritionOf(db, rules);
  return finishRun(db, config, progress, outDir, { startedAt, load, rules, rejected, drugCodes, attrition, workDb, reportWriter });
}

/** What a run's engine hands to finishRun: the load, the rule pack's result and the counts made where the events are. */
export interface EngineRun {
  startedAt: string;
  load: LoadResult;
  rules: RulePackResult;
  rejected: number;
  drugCodes: DrugCodeCounts;
  attrition: AttritionInput;
  /** manifest.json `work_db`: where the working tables lived. */
  workDb: 'memory' | 'disk' | 'postgres';
  /** manifest.json `engine`, when the rule pack ran elsewhere than in this DuckDB (docs/postgres.md). */
  engine?: { name: string; version: string; schema: string };
  /** The report writer's module, when its import was started early (it compiles while DuckDB works). */
  reportWriter?: Promise<typeof import('../reports/writeReports.js')>;
}

/**
 * The rest of a run once the rule pack has run: warnings, pseudonymisation, --fail-if and every
 * output, written from the DuckDB database `db` (which holds patient_gaps, episode_export,
 * therapy_course, run_params, rule_catalog, value_set_code and load_reject; the worklist's tables
 * too when config.worklist).
 */
export async function finishRun(db: Db, config: RunConfig, progress: Progress, outDir: string, run: EngineRun): Promise<RunSummary> {
  const { startedAt, load, rules, rejected, drugCodes, attrition, workDb } = run;
  const drugWarnings = drugCodeWarnings(drugCodes);
  const warnings = [...(await implausibleDateWarnings(db)), ...drugWarnings];
  for (const warning of warnings) progress.warn(warning.code, warning.message);
  // The reports' therapy-course section reads this name (reports/course/readCourseAggregates.ts).
  await db.run('create or replace view episode_course as select * from therapy_course');

  const pseudonymized = config.pseudonymizeKey !== undefined;
  let keyFingerprint: string | null = null;
  if (config.pseudonymizeKey !== undefined) {
    const key = await readPseudonymKey(config.pseudonymizeKey);
    await progress.stage('pseudonymize', () => pseudonymizePersonIds(db, key));
    if (config.worklist) await pseudonymizePersonIds(db, key, 'worklist');
    keyFingerprint = pseudonymKeyFingerprint(key);
    await progress.stage('pseudonymize episodes', () => pseudonymizePersonIds(db, key, 'episode_export'));
  }
  const parameters = { ...ruleParamsOf(config), asOf: rules.asOf, minCell: config.minCell };
  const versions = {
    caregap: caregapVersion(),
    duckdb: await db.version(),
    valueSets: rules.valueSetVersion,
    valueSetHash: rules.valueSetHash,
  };

  // --fail-if is judged before writing (a failure here leaves --out untouched); exit 3 comes after.
  const failIf = evaluateFailIf(parseFailIfList(config.failIf, rules.rules.map((rule) => rule.id)), {
    ...(await readFailIfMetrics(db)),
    rejected,
  });
  // The reports' aggregates now; their charts render (JavaScript) while DuckDB writes the tables below.
  const { prepareReports } = await (run.reportWriter ?? import('../reports/writeReports.js'));
  const reports = await progress.stage('report aggregates', () =>
    prepareReports(db, {
      run: { asOf: rules.asOf, parameters, versions, inputFormat: load.format },
      minCell: config.minCell,
      worklist: config.worklist,
      worklistBySite: config.worklistBySite,
      attrition,
      // Claims cannot show over-the-counter supplements: they are never billed (docs/rules.md §5).
      supplementsVisible: load.format !== 'claims',
      pseudonymized,
      arrowCopy: config.arrow,
      ruleWarnings: drugWarnings.map((warning) => ({ message: warning.message, rules: drugCodeRules })),
    }),
  );
  // The DuckDB rule pack stores patient_gaps and episode_export in contract order (rules/combine):
  // written as stored, unless pseudonymised ids (or another engine's copy) need sorting again.
  const inOrder = run.engine === undefined && !pseudonymized;
  await writeAtomically(outDir, async (dir) => {
    // patient_gaps (and the worklist, a temp table of this connection) here; episodes and rejects on
    // a second connection at the same time: a single copy keeps DuckDB's threads only partly busy.
    const took = new Map<string, number>();
    const timedWrite = async (stage: string, work: () => Promise<unknown>): Promise<void> => {
      const started = performance.now();
      await work();
      took.set(stage, performance.now() - started);
    };
    const lane = await db.fork();
    try {
      await bothSettled(
        (async () => {
          await timedWrite('write patient_gaps', () => writePatientGaps(db, dir, { inOrder }));
          if (config.worklist) await timedWrite('write worklist', () => writeWorklist(db, dir, { bySite: config.worklistBySite }));
        })(),
        (async () => {
          await timedWrite('write episodes', () => writeEpisodes(lane, dir, { inOrder, columns: episodeExportColumns(rules.rules.map((rule) => rule.id)) }));
          await timedWrite('write rejects', () => writeRejects(lane, dir, { withholdIdentifiers: pseudonymized }));
        })(),
      );
    } finally {
      lane.close();
    }
    for (const stage of ['write patient_gaps', ...(config.worklist ? ['write worklist'] : []), 'write episodes', 'write rejects']) {
      progress.record({ stage, ms: took.get(stage) ?? 0 });
    }
    await progress.stage('write reports', () => reports.write(dir));
    const manifest = {
      // The marker by which a later run knows this folder is a run's output it may replace (outGuard.ts).
      software: { name: 'caregap', version: versions.caregap, command: 'run' },
      outputs: [...readdirSync(dir), 'manifest.json'].sort(),
      duckdb_version: versions.duckdb,
      started_at: startedAt,
      value_sets: { version: rules.valueSetVersion, sha256: rules.valueSetHash },
      parameters: { ...parameters, worklist: config.worklist, pseudonymized, strict: config.strict },
      pseudonym_key_fingerprint: keyFingerprint,
      work_db: workDb,
      ...(run.engine ? { engine: run.engine } : {}),
      rules: rules.rules,
      input: {
        format: load.format,
        files: load.files,
        ignored_files: load.ignoredFiles,
        totals: totalsOf(load),
      },
      canonical_rows: load.tableRows,
      data_quality: { ...load.dataQuality, drug_codes: drugCodes },
      warnings,
      episodes: rules.episodes,
      stages: progress.timings,
    };
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  });
  return { outDir, load, rules, rejected, failIf, warnings };
}

/** The top of the attrition (docs/rules.md §2): qualifying diagnoses, the persons with one, episodes. */
export async function attritionOf(db: Db, rules: RulePackResult): Promise<AttritionInput> {
  const row = await db.one<{ diagnoses: number; persons: number }>(
    `select count(*)::integer as diagnoses, count(distinct person_id)::integer as persons from qualifying_diagnosis`,
  );
  return {
    qualifyingDiagnoses: row?.diagnoses ?? 0,
    personsWithQualifyingDiagnosis: row?.persons ?? 0,
    episodes: rules.episodes,
  };
}

function totalsOf(load: LoadResult): { rowsRead: number; rowsLoaded: number; rowsRejected: number } {
  return load.files.reduce(
    (sum, file) => ({
      rowsRead: sum.rowsRead + file.rowsRead,
      rowsLoaded: sum.rowsLoaded + file.rowsLoaded,
      rowsRejected: sum.rowsRejected + file.rowsRejected,
    }),
    { rowsRead: 0, rowsLoaded: 0, rowsRejected: 0 },
  );
}

async function failOnFirstReject(db: Db): Promise<never> {
  const first = await db.one<{ file: string; line: string; column: string; value: string; reason: string }>(
    `select file, line, "column", value, reason from load_reject order by file, line limit 1`,
  );
  throw new RunError(
    `--strict: ${first?.file} line ${first?.line}, column ${first?.column}: ${first?.reason}`,
  );
}
