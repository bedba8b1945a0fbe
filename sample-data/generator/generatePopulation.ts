import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { removeOnInterrupt } from '../../pipeline/interruption.js';
import { join, resolve } from 'node:path';
import { withDb, type Db } from '../../pipeline/db.js';
import { quotedString } from '../../pipeline/sql.js';
import { eligibilityQuery, medicalClaimQuery, pharmacyClaimQuery } from './claimsFormatSql.js';
import { coverageQuery, eventsQuery, patientsQuery } from './eventsFormatSql.js';
import {
  fhirConditionQuery, fhirCoverageQuery, fhirEncounterQuery, fhirMedicationAdministrationQuery, fhirMedicationDispenseQuery,
  fhirPatientQuery, fhirProcedureQuery,
} from './fhirFormatSql.js';
import {
  omopConditionOccurrenceQuery, omopDeathQuery, omopDrugExposureQuery, omopObservationPeriodQuery, omopPersonQuery,
  omopProcedureOccurrenceQuery, omopVisitOccurrenceQuery,
} from './omopFormatSql.js';
import { generateOptionsSchema, type GenerateFormat, type GenerateOptions, type GenerateOptionsInput } from './options.js';
import { personPlanSql } from './personPlanSql.js';
import { syntheticNdcValueSetCsv } from './syntheticNdc.js';
import { truthEpisodesQuery } from './truthEpisodesSql.js';
import { truthQuery } from './truthSql.js';

/** Version of the generator's planting logic; recorded in generation.json. */
export const generatorVersion = '2';

/** One file written by the generator. */
export interface GeneratedFile {
  /** Path relative to the output folder. */
  file: string;
  rows: number;
}

/** Count of truth rows with one (rule, status, reason). */
export interface TruthCount {
  rule_id: string;
  status: string;
  reason: string;
  count: number;
}

/** What a generation wrote, as also recorded in `generation.json`. */
export interface GenerationResult {
  outDir: string;
  options: GenerateOptions;
  files: GeneratedFile[];
  persons: number;
  episodes: number;
  truth: TruthCount[];
  elapsedMs: number;
}

const dataFiles = {
  events: [
    ['patients', patientsQuery],
    ['events', eventsQuery],
    ['coverage', coverageQuery],
  ],
  claims: [
    ['medical_claim', medicalClaimQuery],
    ['pharmacy_claim', pharmacyClaimQuery],
    ['eligibility', eligibilityQuery],
  ],
  omop: [
    ['person', omopPersonQuery],
    ['observation_period', omopObservationPeriodQuery],
    ['visit_occurrence', omopVisitOccurrenceQuery],
    ['condition_occurrence', omopConditionOccurrenceQuery],
    ['procedure_occurrence', omopProcedureOccurrenceQuery],
    ['drug_exposure', omopDrugExposureQuery],
    ['death', omopDeathQuery],
  ],
  fhir: [
    ['Patient', fhirPatientQuery],
    ['Coverage', fhirCoverageQuery],
    ['Encounter', fhirEncounterQuery],
    ['Condition', fhirConditionQuery],
    ['Procedure', fhirProcedureQuery],
    ['MedicationAdministration', fhirMedicationAdministrationQuery],
    ['MedicationDispense', fhirMedicationDispenseQuery],
  ],
} as const satisfies Record<GenerateFormat, ReadonlyArray<readonly [string, () => string]>>;

/** CSV with a header, or (fhir) NDJSON: the query's one column `line` written as is, unquoted. */
async function copyTo(db: Db, query: string, path: string, gzip: boolean, ndjson = false): Promise<number> {
  const compression = gzip ? ", compression 'gzip'" : '';
  const format = ndjson ? "format csv, header false, quote '', escape ''" : 'format csv, header true';
  const rows = await db.all<{ Count: string | number }>(`copy (${query}) to ${quotedString(path)} (${format}${compression})`);
  return Number(rows[0]?.Count ?? 0);
}

/**
 * Writes a synthetic population in the chosen input format into `options.out`, with
 * `truth.csv` (the expected status and reason of every episode and rule, derived from what was
 * planted), `valuesets/synthetic_ndc.csv` (the invented NDCs) and `generation.json`.
 * Formats: events, claims, omop (CDM v5.4 CSV) and fhir (R4 NDJSON). With `portable` (always so for
 * claims, omop and fhir) the same seed, persons and as_of plant the same population in every format,
 * so truth.csv is the same file. Deterministic: the same options give byte-identical files. All work
 * happens in DuckDB SQL streaming into COPY; memory is bounded by `memoryLimit` (the per-person
 * plan table spills beyond it). Throws a ZodError for invalid options.
 */
export async function generatePopulation(input: GenerateOptionsInput): Promise<GenerationResult> {
  const options = generateOptionsSchema.parse(input);
  const started = performance.now();
  const outDir = resolve(options.out);
  mkdirSync(join(outDir, 'valuesets'), { recursive: true });
  const spill = join(tmpdir(), `caregap-generate-${process.pid}-${Date.now()}`);
  const forgetSpill = removeOnInterrupt(spill);
  const ndjson = options.format === 'fhir';
  const suffix = `${ndjson ? '.ndjson' : '.csv'}${options.gzip ? '.gz' : ''}`;
  // Registry content (supplement notes with a daily dose, persons without coverage) exists only in
  // the events format, and not when a portable population is asked for.
  const hasRegistry = options.format === 'events' && !options.portable;
  try {
    return await withDb(
      { threads: options.threads, memoryLimit: options.memoryLimit, tempDirectory: spill },
      async (db) => {
        await db.run(
          'create table gen_params as select $seed::bigint as seed, $asOf::date as as_of, $persons::bigint as persons, $hasRegistry::boolean as has_registry',
          { seed: options.seed, asOf: options.asOf, persons: options.persons, hasRegistry },
        );
        // A table scan runs on every thread; range() alone would feed the plan from one.
        await db.run('create table gen_persons as select i from range($persons) as r(i)', { persons: options.persons });
        await db.run(personPlanSql(options.episodeShare));
        await db.run('drop table gen_persons');
        const files: GeneratedFile[] = [];
        for (const [name, query] of dataFiles[options.format]) {
          const file = `${name}${suffix}`;
          files.push({ file, rows: await copyTo(db, query(), join(outDir, file), options.gzip, ndjson) });
        }
        files.push({ file: 'truth.csv', rows: await copyTo(db, truthQuery(), join(outDir, 'truth.csv'), false) });
        files.push({ file: 'truth_episodes.csv', rows: await copyTo(db, truthEpisodesQuery(), join(outDir, 'truth_episodes.csv'), false) });
        const valueSetCsv = syntheticNdcValueSetCsv();
        writeFileSync(join(outDir, 'valuesets', 'synthetic_ndc.csv'), valueSetCsv);
        files.push({ file: 'valuesets/synthetic_ndc.csv', rows: valueSetCsv.trim().split('\n').length - 1 });
        const truth = (
          await db.all<{ rule_id: string; status: string; reason: string; count: string }>(
            `select rule_id, status, reason, count(*) as count from read_csv(${quotedString(join(outDir, 'truth.csv'))}, all_varchar = true)
             group by all order by all`,
          )
        ).map((row) => ({ ...row, count: Number(row.count) }));
        const episodes = truth.filter((row) => row.rule_id === 'untreated-12m').reduce((sum, row) => sum + row.count, 0);
        const result: GenerationResult = {
          outDir,
          options,
          files,
          persons: options.persons,
          episodes,
          truth,
          elapsedMs: Math.round(performance.now() - started),
        };
        writeGenerationJson(result);
        return result;
      },
    );
  } finally {
    rmSync(spill, { recursive: true, force: true });
    forgetSpill();
  }
}

function writeGenerationJson(result: GenerationResult): void {
  const { options } = result;
  const json = {
    generator: 'caregap generate',
    generator_version: generatorVersion,
    seed: options.seed,
    persons: options.persons,
    format: options.format,
    // Recorded only when asked for (claims, omop and fhir are always portable).
    ...(options.portable ? { portable: true } : {}),
    as_of: options.asOf,
    episode_share: options.episodeShare,
    gzip: options.gzip,
    counts: {
      episodes: result.episodes,
      files: Object.fromEntries(result.files.map((file) => [file.file, file.rows])),
      truth: result.truth,
    },
  };
  writeFileSync(join(result.outDir, 'generation.json'), `${JSON.stringify(json, null, 2)}\n`);
}
