import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generatePopulation } from '../sample-data/generator/generatePopulation.js';

/** Folder of one FHIR bulk-NDJSON benchmark population. */
export function fhirPopulationDir(dataDir: string, persons: number): string {
  return join(dataDir, `fhir-${persons}`);
}

/**
 * Makes sure a FHIR bulk-NDJSON population of `persons` exists (`generatePopulation` with format
 * fhir, uncompressed, one `<Resource>.ndjson` per resource type), reusing one an earlier bench wrote
 * for the same size and seed. Generation is not part of any measured run.
 */
export async function prepareFhirPopulation(dataDir: string, persons: number, seed: number, log: (line: string) => void): Promise<void> {
  const dir = fhirPopulationDir(dataDir, persons);
  const file = join(dir, 'generation.json');
  if (existsSync(file)) {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { persons?: number; seed?: number; format?: string; gzip?: boolean };
    if (json.persons === persons && json.seed === seed && json.format === 'fhir' && json.gzip === false) return;
  }
  rmSync(dir, { recursive: true, force: true });
  log(`bench: generating ${persons.toLocaleString('en-US')} persons (FHIR bulk NDJSON) in ${dir}`);
  const result = await generatePopulation({ persons, seed, format: 'fhir', out: dir, memoryLimit: '4GB' });
  log(`bench: generated in ${(result.elapsedMs / 1000).toFixed(1)} s`);
}
