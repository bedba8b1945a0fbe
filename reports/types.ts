/** What the run tells the reports about itself; printed in every report, never a wall-clock time unless given. */
export interface RunInfo {
  /** The audit date (docs/rules.md §2), YYYY-MM-DD. */
  asOf: string;
  /** Every run parameter the run used, as recorded in the manifest. */
  parameters: Record<string, unknown>;
  versions: {
    caregap: string;
    duckdb: string;
    valueSets: string;
    valueSetHash: string;
  };
  /** Input format: events, claims, omop or fhir. */
  inputFormat: string;
  /** When the run happened (ISO text); omitted to keep reports byte-identical across runs. */
  generatedAt?: string;
}

/** Counts the run knows before patient_gaps exists: the top of the attrition (docs/rules.md §2). */
export interface AttritionInput {
  /** Qualifying diagnosis events (fracture codes that qualify, §2), dated on or before as_of. */
  qualifyingDiagnoses: number;
  /** Distinct persons with at least one qualifying diagnosis. */
  personsWithQualifyingDiagnosis: number;
  /** Episodes built from those diagnoses (one row per episode and rule in patient_gaps). */
  episodes: number;
}

/** Augmentation procedure type of a code (docs/rules.md §6: vertebroplasty and kyphoplasty reported apart). */
export type ProcedureType = 'vertebroplasty' | 'kyphoplasty' | 'unspecified';
