import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { SourceSpec } from './sourceSpec.js';

/** Input formats caregap reads (docs/contracts.md). */
export type InputFormat = 'events' | 'claims' | 'omop' | 'fhir';

const dataFile = /\.(csv|csv\.gz|tsv|parquet|ndjson|ndjson\.gz)$/i;

/** Data files directly inside the input folder, sorted by name. */
export function listDataFiles(inputDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(inputDir);
  } catch {
    throw new UsageError(`input folder not found or not readable: ${inputDir}`);
  }
  return names
    .filter((name) => !name.startsWith('.') && dataFile.test(name) && statSync(join(inputDir, name)).isFile())
    .sort();
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
