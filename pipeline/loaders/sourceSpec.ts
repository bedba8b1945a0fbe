import type { Db } from '../db.js';
import type { InputFile } from './inputFile.js';
import type { NdjsonParse } from './ndjsonTable.js';
import type { RawTable } from './rawTable.js';
import type { RelevantCodes } from './relevantCodes.js';
import { notBlankSql, type Check } from './validate.js';

/** What a loader is told besides its file: its position in the run and which codes tagging can use. */
export interface LoadContext {
  /** The file's position in the load plan (names its work tables). */
  index: number;
  /** The superset test of value-set-relevant codes (relevantCodes.ts). */
  relevant: RelevantCodes;
  /**
   * Claims: whether the file's events stay reachable as the view `clinical_event_<n>` after its load
   * (loadInputs.ts). A run that keeps no such view skips creating it and the stage views under it:
   * binding the medical file's view of 25 diagnosis and 25 procedure slots alone took 64 ms.
   */
  eventView: boolean;
}

/** How one kind of input file (a role such as `medical_claim`) is found, checked and loaded. */
export interface SourceSpec {
  role: string;
  /** File-name stems that identify the role (`medical_claim` matches `medical_claim_sample.csv.gz`). */
  stems: string[];
  /**
   * Stems that begin with one of `stems` but name another table, so are not this role's files
   * (`concept_relationship` for `concept`). discover.ts also never matches the OMOP vocabulary tables.
   */
  excludeStems?: string[];
  /**
   * What the role's files are: `table` (CSV, gzip CSV, TSV, Parquet) or `ndjson` (NDJSON, gzip
   * NDJSON). Default: `ndjson` for the fhir format's sources, else `table` (discover.ts).
   */
  fileKind?: 'table' | 'ndjson';
  /** Whether a format run needs at least one file of this role. */
  mandatory: boolean;
  /** Required columns; an inner array means "any one of these" (person_id or patient_id). */
  requiredColumns: (string | string[])[];
  /** Every column the loader reads (lower-case); absent optional ones read as null. */
  columns: string[];
  /** NDJSON sources: the columns and checks computed while each line is parsed (ndjsonTable.ts). */
  ndjsonParse?: NdjsonParse;
  /** Validates the raw rows, inserts good ones into the canonical tables, rejects the rest. */
  load(db: Db, raw: RawTable, file: InputFile, stage: string, context: LoadContext): Promise<{ rejected: number }>;
}

/** SQL for the person id, accepting `patient_id` for `person_id`. */
export const personIdSql = `coalesce(nullif(trim(person_id), ''), nullif(trim(patient_id), ''))`;

/** Check: the row names a person (person_id, else patient_id). */
export const personCheck: Check = {
  column: 'person_id',
  value: 'coalesce(person_id, patient_id)',
  problem: `case when ${personIdSql} is null then 'missing person id' end`,
  // A person_id that is not blank names the person whatever patient_id holds.
  fastOk: notBlankSql('person_id'),
};
