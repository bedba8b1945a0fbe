// The per-patient CQL engine of the FHIR comparison: cql-execution (with cql-exec-fhir's FHIR R4
// data source) evaluating bench/cql/untreatedVertebralFracture.cql over a FHIR bulk-NDJSON population.
// Usage: node dist/bench/fhirCqlBench.js <input-dir>
// Prints one JSON line: {"patients", "resources", "untreated", "group_ms", "evaluate_ms"}.
//
// Before timing starts, every resource of every `<Resource>.ndjson` is parsed and grouped into one
// collection bundle per patient (by `id` for Patient, `subject` / `beneficiary` reference otherwise):
// cql-execution takes its patients as bundles, and a FHIR server or bulk client would hand them over
// that way. Only the evaluation, in this one process as cql-execution runs, is timed.
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { evaluateUntreatedFracture, type PatientBundle } from './fhirCqlRule.js';

type Resource = PatientBundle['entry'][number]['resource'];

function patientIdOf(resource: Resource): string | undefined {
  if (resource.resourceType === 'Patient') return resource.id;
  const reference = (resource.subject ?? resource.beneficiary) as { reference?: string } | undefined;
  const match = /^Patient\/(.+)$/.exec(reference?.reference ?? '');
  return match?.[1];
}

/**
 * Every resource of the NDJSON files in `dir`, grouped into one bundle per patient (Patient
 * resource first), in Patient-file order. Resources without a patient reference are left out.
 */
export async function bundlesFromNdjson(dir: string): Promise<{ bundles: PatientBundle[]; resources: number }> {
  const byPatient = new Map<string, Resource[]>();
  let resources = 0;
  const files = readdirSync(dir).filter((name) => name.endsWith('.ndjson'));
  // Patient first, so every bundle starts with its Patient resource and bundles keep the file's order.
  files.sort((a, b) => Number(b.startsWith('Patient')) - Number(a.startsWith('Patient')) || a.localeCompare(b));
  for (const name of files) {
    for await (const line of createInterface({ input: createReadStream(join(dir, name)), crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      const resource = JSON.parse(line) as Resource;
      const id = patientIdOf(resource);
      if (id === undefined) continue;
      const list = byPatient.get(id) ?? [];
      if (list.length === 0) byPatient.set(id, list);
      list.push(resource);
      resources += 1;
    }
  }
  const bundles: PatientBundle[] = [];
  for (const list of byPatient.values()) {
    if (list[0]?.resourceType !== 'Patient') continue; // references to no Patient resource
    bundles.push({ resourceType: 'Bundle', type: 'collection', entry: list.map((resource) => ({ resource })) });
  }
  return { bundles, resources };
}

const [inputDir] = process.argv.slice(2);
if (inputDir) {
  const grouping = performance.now();
  const { bundles, resources } = await bundlesFromNdjson(inputDir);
  const started = performance.now();
  const verdicts = await evaluateUntreatedFracture(bundles);
  const evaluateMs = performance.now() - started;
  const untreated = [...verdicts.values()].filter(Boolean).length;
  process.stdout.write(
    `${JSON.stringify({ patients: verdicts.size, resources, untreated, group_ms: Math.round(started - grouping), evaluate_ms: Math.round(evaluateMs) })}\n`,
  );
}
