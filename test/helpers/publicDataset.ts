import { fileURLToPath } from 'node:url';

/** The public data sets committed under `test/fixtures/public/` (each folder has its SOURCE.md and licence). */
export type PublicDataset = 'fhir-bulk-10-patients' | 'mimic-iv-demo-omop' | 'tuva-claims-demo-sample';

/**
 * Absolute path of a committed public data set. The files are gzip-compressed (`.csv.gz`,
 * `.ndjson.gz`) and read as they are by the loaders, so the tests need nothing outside the repository.
 */
export function publicDataset(name: PublicDataset): string {
  return fileURLToPath(new URL(`../fixtures/public/${name}`, import.meta.url));
}
