import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeService, Executor, Library } from 'cql-execution';
import cqlFhir from 'cql-exec-fhir';
import { projectRoot } from '../pipeline/projectRoot.js';
import { cqlBenchValueSets } from './fhirCqlValueSets.js';

/** A FHIR R4 collection bundle of one patient's resources (the Patient resource among them). */
export interface PatientBundle {
  resourceType: 'Bundle';
  type: 'collection';
  entry: { resource: { resourceType: string; id?: string } & Record<string, unknown> }[];
}

/**
 * Evaluates the comparison rule (bench/cql/untreatedVertebralFracture.cql, its hand-written ELM
 * beside it) with cql-execution over FHIR R4 bundles, one patient at a time, in this process, as
 * cql-execution runs. Returns each patient's "Untreated Fracture" verdict by Patient id.
 * Limits: all bundles are held in memory; the ELM is read from the source tree (bench/cql).
 */
export async function evaluateUntreatedFracture(bundles: PatientBundle[]): Promise<Map<string, boolean>> {
  const elm = JSON.parse(readFileSync(join(projectRoot(), 'bench', 'cql', 'untreatedVertebralFracture.elm.json'), 'utf8')) as object;
  const executor = new Executor(new Library(elm), new CodeService(cqlBenchValueSets()));
  const source = cqlFhir.PatientSource.FHIRv401();
  source.loadBundles(bundles);
  const results = await executor.exec(source);
  const verdicts = new Map<string, boolean>();
  for (const [id, expressions] of Object.entries(results.patientResults)) {
    verdicts.set(id, (expressions as Record<string, unknown>)['Untreated Fracture'] === true);
  }
  return verdicts;
}
