import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UsageError } from './errors.js';
import { checkFailIfSetting } from './failIf/checkFailIfSetting.js';
import { ruleParamsSchema } from './params.js';
import { sizePattern } from './workDb.js';
import { describeSettingsProblems } from './settingsProblems.js';


/**
 * Everything `caregap run` can be told, from the command line or a JSON config file (`--config`);
 * command-line values win. One schema, checked at the boundary.
 */
export const runConfigSchema = z
  .object({
    /** Required with the DuckDB engine; not used with --engine postgres (checked below). */
    input: z.string().min(1, 'is required').optional(),
    format: z.enum(['events', 'claims', 'omop', 'fhir']).optional(),
    valuesets: z.array(z.string().min(1)).default([]),
    /** Required: a run replaces --out only when outGuard.ts allows it, so there is no default to clobber. */
    out: z.string({ error: 'is required' }).min(1, 'is required'),
    threads: z.number().int().min(1).max(256).optional(),
    memoryLimit: z.string().regex(sizePattern, 'expected a size such as 2GB').optional(),
    tempDir: z.string().min(1).optional(),
    /**
     * Where the run's working tables live: `disk` (a database file in the temp folder, compressed,
     * removed afterwards), `memory` (DuckDB in-memory; spills uncompressed beyond the limit), or
     * `auto`: disk only when the inputs are large for the memory limit (see workDb.ts).
     */
    workDb: z.enum(['auto', 'disk', 'memory']).default('auto'),
    strict: z.boolean().default(false),
    quiet: z.boolean().default(false),
    logFormat: z.enum(['text', 'json']).default('text'),
    minCell: z.number().int().min(0).default(11),
    worklist: z.boolean().default(false),
    /** Also one worklist file per site in worklists/ (implies worklist). */
    worklistBySite: z.boolean().default(false),
    /** Thresholds (`untreated-12m.gap_rate > 0.7`, `rejected > 0`): exit 3 after writing when one holds. */
    failIf: z.array(z.string()).default([]).superRefine(checkFailIfSetting),
    /**
     * Write patient_gaps.arrow (Arrow IPC). Opt-in: it passes through JS row by row (about 5 s per
     * million rows), and patient_gaps.parquet, written by DuckDB's COPY, serves the same Arrow readers.
     */
    arrow: z.boolean().default(false),
    pseudonymizeKey: z.string().min(1).optional(),
    /** Where the rule pack runs: DuckDB in this process (default), or a PostgreSQL database (docs/postgres.md). */
    engine: z.enum(['duckdb', 'postgres']).default('duckdb'),
    /** --engine postgres: postgres://USER@HOST:PORT/DB; checked (never printed) by checkRunOptions. */
    databaseUrl: z.string().min(1, 'is empty').optional(),
    /** --engine postgres: the schema holding the input tables (docs/postgres.md). */
    schema: z.string().min(1, 'is empty').max(63, 'is longer than PostgreSQL\'s 63-character names').optional(),
    /** Claims: keep every clinical event in a clinical_event table (for debugging) instead of a view. */
    materializeCanonical: z.boolean().default(false),
  })
  .extend(ruleParamsSchema.shape)
  .strict()
  .superRefine(checkEngineOptions);

/** Which options go with which engine: --input for DuckDB; --database-url, --schema, --format claims|events for PostgreSQL. */
function checkEngineOptions(
  config: { engine: string; input?: string; databaseUrl?: string; schema?: string; format?: string; worklist: boolean; worklistBySite: boolean },
  context: z.RefinementCtx,
): void {
  const problem = (key: string, message: string): void => context.addIssue({ code: 'custom', path: [key], message });
  if (config.engine === 'duckdb') {
    if (config.input === undefined) problem('input', 'is required');
    if (config.databaseUrl !== undefined) problem('databaseUrl', 'is only used with --engine postgres');
    if (config.schema !== undefined) problem('schema', 'is only used with --engine postgres');
    return;
  }
  if (config.input !== undefined) problem('input', 'is not used with --engine postgres (the input is the tables of --schema)');
  if (config.databaseUrl === undefined) problem('databaseUrl', 'is required');
  if (config.schema === undefined) problem('schema', 'is required');
  if (config.format === undefined) problem('format', 'is required');
  else if (config.format !== 'claims' && config.format !== 'events') problem('format', 'must be claims or events with --engine postgres');
  if (config.worklist || config.worklistBySite) problem('worklist', 'is not available with --engine postgres yet');
}

export type RunConfig = z.infer<typeof runConfigSchema>;

/** Reads a JSON config file; a missing or malformed file is a UsageError. */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`config file not readable: ${path}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`config file ${path} is not a JSON object: ${(error as Error).message}`);
  }
}

/** Merges config-file values under command-line values and validates the result. */
export function resolveRunConfig(fromFile: Record<string, unknown>, fromCli: Record<string, unknown>): RunConfig {
  const merged: Record<string, unknown> = { ...fromFile };
  for (const [key, value] of Object.entries(fromCli)) if (value !== undefined) merged[key] = value;
  const result = runConfigSchema.safeParse(merged);
  if (!result.success) {
    throw new UsageError(describeSettingsProblems(result.error, merged, fromCli));
  }
  if (result.data.worklistBySite) result.data.worklist = true;
  return result.data;
}

/** `caregap diff PREVIOUS CURRENT --out DIR` settings (docs/contracts.md, caregap diff). */
export const diffConfigSchema = z
  .object({
    previous: z.string().min(1, 'is required'),
    current: z.string().min(1, 'is required'),
    out: z.string({ error: 'is required' }).min(1, 'is required'),
    /** Suppression threshold of diff.md; default: the current run's min_cell. */
    minCell: z.number().int().min(0).optional(),
    threads: z.number().int().min(1).max(256).optional(),
  })
  .strict();

/** `caregap verify --truth FILE OUTDIR` settings (docs/contracts.md, caregap verify). */
export const verifyConfigSchema = z
  .object({
    truth: z.string({ error: 'is required' }).min(1, 'is required'),
    /** truth_episodes.csv; when absent, the one beside --truth if it exists. */
    truthEpisodes: z.string().min(1, 'is empty').optional(),
    outDir: z.string().min(1, 'is required'),
    /** How many differing (episode, rule) rows to print. */
    maxDifferences: z.number().int().min(0).default(20),
  })
  .strict();

/** Validates a command's options with its schema; a problem is a UsageError naming the option. */
export function resolveCommandConfig<T extends z.ZodType>(schema: T, values: Record<string, unknown>): z.infer<T> {
  const defined = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  const result = schema.safeParse(defined);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `--${kebab(issue.path.join('.')) || 'options'}: ${issue.message}`);
    throw new UsageError(`invalid options: ${problems.join('; ')}`);
  }
  return result.data;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** `caregap valuesets import-fda-ndc` options (docs/fda-ndc-import.md). */
export const importFdaNdcConfigSchema = z
  .object({
    fdaDir: z.string({ error: 'is required (the folder holding FDA\'s product.txt and package.txt)' }).min(1, 'is empty'),
    out: z.string({ error: 'is required (the .csv file to write)' }).min(1, 'is empty'),
    releaseDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
      .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a calendar date')
      .optional(),
  })
  .strict();

export type ImportFdaNdcConfig = z.infer<typeof importFdaNdcConfigSchema>;

/** Validates import-fda-ndc options; a problem is a UsageError naming the option. */
export function resolveImportFdaNdcConfig(fromCli: Record<string, unknown>): ImportFdaNdcConfig {
  const result = importFdaNdcConfigSchema.safeParse(fromCli);
  if (!result.success) {
    const names: Record<string, string> = { fdaDir: '--fda-dir', out: '--out', releaseDate: '--release-date' };
    const problems = result.error.issues.map((issue) => `${names[String(issue.path[0])] ?? 'options'}: ${issue.message}`);
    throw new UsageError(`invalid settings: ${problems.join('; ')}`);
  }
  return result.data;
}
