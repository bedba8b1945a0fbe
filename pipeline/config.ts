import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UsageError } from './errors.js';
import { ruleParamsSchema } from './params.js';
import { sizePattern } from './workDb.js';


/**
 * Everything `caregap run` can be told, from the command line or a JSON config file (`--config`);
 * command-line values win. One schema, checked at the boundary.
 */
export const runConfigSchema = z
  .object({
    input: z.string().min(1, 'is required'),
    format: z.enum(['events', 'claims', 'omop', 'fhir']).optional(),
    valuesets: z.array(z.string().min(1)).default([]),
    out: z.string().min(1).default('out'),
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
    /** Write patient_gaps.arrow (Arrow IPC); it passes through JS, so it costs time on large runs. */
    arrow: z.boolean().default(true),
    pseudonymizeKey: z.string().min(1).optional(),
  })
  .extend(ruleParamsSchema.shape)
  .strict();

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
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`);
    throw new UsageError(`invalid settings: ${problems.join('; ')}`);
  }
  return result.data;
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
