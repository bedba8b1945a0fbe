import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { SourceSpec } from './sourceSpec.js';

/** Input formats caregap reads (docs/contracts.md). */
export type InputFormat = 'events' | 'claims' | 'omop' | 'fhir';

const dataFile = /\.(csv|csv\.gz|tsv|parquet|ndjson|ndjson\.gz)$/i;

/** A file name for a message: printable ASCII as is, every other byte as `\xNN`. */
function escapedName(raw: Buffer): string {
  return [...raw].map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`)).join('');
}

/** Why a data file cannot be read, in plain words, or undefined when it can. */
function unreadableReason(path: string): string | undefined {
  let isFile: boolean;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return undefined;
    isFile = stat.isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'is a symbolic link loop';
    if (code === 'ENOENT') return 'is a symbolic link to nothing';
    return `cannot be read (${code ?? 'unknown error'})`;
  }
  // A pipe or device would block the reader forever.
  if (!isFile) return 'is not a regular file';
  try {
    accessSync(path, constants.R_OK);
  } catch {
    return 'is not readable (permission denied)';
  }
  return undefined;
}

/**
 * Data files directly inside the input folder, sorted by name. Throws a UsageError (exit 2) naming
 * the file when a data file cannot be read: a symbolic link loop or to nothing, a pipe, no read
 * permission, or a name that is not valid UTF-8 (which could not be named in rejects.csv).
 * Sub-folders, hidden files and non-data files are left out without being opened.
 */
export function listDataFiles(inputDir: string): string[] {
  let entries: Buffer[];
  try {
    entries = readdirSync(inputDir, { encoding: 'buffer' });
  } catch {
    throw new UsageError(`input folder not found or not readable: ${inputDir}`);
  }
  const names: string[] = [];
  // In byte order, so the file named in an error is the same on every run.
  for (const raw of entries.sort(Buffer.compare)) {
    const name = raw.toString('utf8');
    if (name.startsWith('.') || !dataFile.test(name)) continue;
    if (!Buffer.from(name, 'utf8').equals(raw)) {
      throw new UsageError(`input file ${join(inputDir, escapedName(raw))}: the file name is not valid UTF-8; rename it`);
    }
    const path = join(inputDir, name);
    const problem = unreadableReason(path);
    if (problem !== undefined) throw new UsageError(`input file ${path} ${problem}`);
    if (statSync(path).isFile()) names.push(name);
  }
  return names.sort();
}

/** The file-name stem without its data extension, lower-case: `Medical_Claim_sample.csv.gz` -> `medical_claim_sample`. */
export function stemOf(name: string): string {
  return name.toLowerCase().replace(dataFile, '');
}

const ndjsonFile = /\.ndjson(\.gz)?$/i;

/** Whether `stem` is `candidate`, or `candidate` followed by `_`, `-` or `.` and more. */
function stemMatches(stem: string, candidate: string): boolean {
  return stem === candidate || (stem.startsWith(candidate) && /[_.-]/.test(stem.charAt(candidate.length)));
}

/** The kind of file a source reads: its own `fileKind`, else tables (CSV, gzip CSV, Parquet). */
export function fileKindOf(spec: SourceSpec): 'table' | 'ndjson' {
  return spec.fileKind ?? 'table';
}

/**
 * Whether a file name belongs to a source: its stem, optionally followed by `_`, `-` or `.` and more,
 * and a file of the kind the source reads (`Patient.ndjson` is FHIR's, `patient.csv` is not). A stem
 * beginning with one of the source's `excludeStems` (`concept_relationship.csv`) does not belong to it.
 */
export function matchesSource(name: string, spec: SourceSpec): boolean {
  if (ndjsonFile.test(name) !== (fileKindOf(spec) === 'ndjson')) return false;
  const stem = stemOf(name);
  if ((spec.excludeStems ?? []).some((candidate) => stemMatches(stem, candidate))) return false;
  return spec.stems.some((candidate) => stemMatches(stem, candidate));
}

/**
 * The format the folder's file names point to. Throws a UsageError when none or several fit, so
 * the user is told to pass --format.
 */
export function detectFormat(names: string[], formats: Record<InputFormat, SourceSpec[]>): InputFormat {
  const fits = (Object.keys(formats) as InputFormat[]).filter((format) =>
    formats[format].some((spec) => spec.mandatory && names.some((name) => matchesSource(name, spec))),
  );
  if (fits.length === 1) return fits[0]!;
  if (fits.length === 0) {
    throw new UsageError(`cannot tell the input format from the file names (${names.join(', ') || 'no data files'}); pass --format`);
  }
  throw new UsageError(`the file names fit several formats (${fits.join(', ')}); pass --format`);
}
