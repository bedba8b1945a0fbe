import { cqlFigures, type CqlComparisonRecord } from './fhirCqlComparison.js';

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * The results.md section of the engine comparison (bench/fhirCqlComparison.ts): what was measured,
 * and per population the persons/s of both engines and their ratio. Empty without records. Pure.
 */
export function cqlComparisonSection(records: CqlComparisonRecord[]): string[] {
  if (records.length === 0) return [];
  return [
    '## FHIR: caregap against a per-patient CQL engine',
    '',
    '`caregap run` (every rule and output, whole process, 2 threads) against cql-execution 3.3.2 with',
    'cql-exec-fhir 2.2.0 (the engine under fqm-execution) evaluating one rule, "a vertebral fracture Condition',
    'and no osteoporosis drug dispensed or given in the 365 days after it" (`bench/cql/`, hand-written ELM),',
    'in one process as it runs. Every resource of the population is grouped into one bundle per patient',
    'before cql-execution\'s timing starts; its figure is the evaluation only. The two alternate repeat by',
    'repeat on the same NDJSON files; medians.',
    '',
    '| persons | resources | caregap run s | caregap persons/s | cql-execution s | cql-execution patients/s | caregap / cql-execution | untreated (cql) | repeats |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...records.map((record) => {
      const f = cqlFigures(record);
      return (
        `| ${count(record.persons)} | ${count(record.cqlResources)} | ${(record.persons / f.caregapRate).toFixed(1)} | ${count(f.caregapRate)} | ` +
        `${(record.cqlPatients / f.cqlRate).toFixed(1)} | ${count(f.cqlRate)} | ${f.ratio.toFixed(1)}x | ${count(record.cqlUntreated)} | ${record.caregapWallMs.length} |`
      );
    }),
    '',
  ];
}

/** Targets lines: caregap at least 15x cql-execution's patients/s, per measured population. */
export function cqlTargetLines(records: CqlComparisonRecord[]): string[] {
  return records.map((record) => {
    const f = cqlFigures(record);
    return `| ${count(record.persons)} FHIR persons at >= 15x cql-execution's patients/s (same bench run) | ${f.ratio.toFixed(1)}x (${count(f.caregapRate)} vs ${count(f.cqlRate)}) | ${f.ratio >= 15 ? 'met' : '**missed**'} |`;
  });
}
