import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../db.js';
import { UsageError } from '../errors.js';
import { quotedString } from '../sql.js';

/** The parts of a run's manifest.json that diff and verify read. */
export interface RunManifest {
  software: { name: string; version?: string };
  value_sets?: { version?: string; sha256?: string };
  parameters?: Record<string, unknown>;
  rules?: Array<{ id: string; version: string }>;
  /** HMAC of a fixed label with the pseudonymisation key; null or absent for a plain run. */
  pseudonym_key_fingerprint?: string | null;
}

/** A caregap run's output folder, checked. */
export interface RunFolder {
  /** As the user gave it, for messages. */
  label: string;
  dir: string;
  manifest: RunManifest;
  /** patient_gaps.parquet when present (typed, faster), else patient_gaps.csv. */
  gapsPath: string;
}

/**
 * Checks that `dir` holds the outputs of a caregap run: a manifest.json written by caregap and
 * patient_gaps.parquet or patient_gaps.csv. Anything else (missing folder, a folder of other files,
 * a diff output) is a UsageError naming the folder and what is missing (exit 2).
 */
export function readRunFolder(dir: string, role: string): RunFolder {
  const path = resolve(dir);
  const problem = (text: string): never => {
    throw new UsageError(`${role} ${dir}: ${text}`);
  };
  if (!existsSync(path)) return problem('folder not found');
  if (!statSync(path).isDirectory()) return problem('not a folder');
  const manifestPath = join(path, 'manifest.json');
  if (!existsSync(manifestPath)) return problem('not a caregap run folder (no manifest.json)');
  let manifest: RunManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as RunManifest;
  } catch {
    return problem('manifest.json is not valid JSON');
  }
  if (typeof manifest !== 'object' || manifest === null || manifest.software?.name !== 'caregap') {
    return problem('not a caregap run folder (manifest.json was not written by caregap)');
  }
  const gapsPath = ['patient_gaps.parquet', 'patient_gaps.csv'].map((name) => join(path, name)).find((file) => existsSync(file));
  if (gapsPath === undefined) return problem('not a caregap run folder (no patient_gaps.parquet or patient_gaps.csv)');
  return { label: dir, dir: path, manifest, gapsPath };
}

/**
 * A DuckDB relation over a run's patient_gaps with every column as text (dates as YYYY-MM-DD),
 * whichever of Parquet or CSV the folder holds. Limits: reads the file each time it is used.
 */
export function gapsRelation(folder: RunFolder, columns: readonly string[]): string {
  const list = columns.map((name) => `cast(${name} as varchar) as ${name}`).join(', ');
  return `(select ${list} from ${gapsSource(folder)})`;
}

/**
 * Throws a UsageError naming the folder's patient_gaps file and the missing columns when it lacks
 * any of `columns` (a foreign or truncated file), before any comparison runs.
 */
export async function assertGapsColumns(db: Db, folder: RunFolder, columns: readonly string[], role: string): Promise<void> {
  const source = gapsSource(folder);
  let present: string[];
  try {
    present = (await db.all<{ column_name: string }>(`describe select * from ${source}`)).map((row) => row.column_name.toLowerCase());
  } catch (error) {
    throw new UsageError(`${role} ${folder.gapsPath}: not readable (${(error as Error).message.split('\n')[0]})`);
  }
  const missing = columns.filter((name) => !present.includes(name));
  if (missing.length > 0) throw new UsageError(`${role} ${folder.gapsPath}: missing column ${missing.join(', ')}`);
}

function gapsSource(folder: RunFolder): string {
  return folder.gapsPath.endsWith('.parquet')
    ? `read_parquet(${quotedString(folder.gapsPath)})`
    : `read_csv(${quotedString(folder.gapsPath)}, header = true, all_varchar = true)`;
}
