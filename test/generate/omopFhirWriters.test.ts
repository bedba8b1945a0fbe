import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDb } from '../../pipeline/db.js';
import { quotedString } from '../../pipeline/sql.js';
import { generatePopulation, type GenerationResult } from '../../sample-data/generator/generatePopulation.js';

const persons = 1500;
const root = mkdtempSync(join(tmpdir(), 'caregap-omop-fhir-writers-'));
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const csv = (dir: string, file: string): string => `read_csv(${quotedString(join(dir, file))}, all_varchar = true, header = true)`;
const lines = (dir: string, file: string): string[] => readFileSync(join(dir, file), 'utf8').split('\n').filter((line) => line.length > 0);

let omop: GenerationResult;
let fhir: GenerationResult;

beforeAll(async () => {
  omop = await generatePopulation({ persons, seed: 5, format: 'omop', out: join(root, 'omop'), threads: 2 });
  fhir = await generatePopulation({ persons, seed: 5, format: 'fhir', out: join(root, 'fhir'), threads: 2 });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the omop and fhir writers', () => {
  it('are deterministic for a seed, byte for byte', async () => {
    for (const first of [omop, fhir]) {
      const again = await generatePopulation({ ...first.options, out: join(root, `${first.options.format}-again`) });
      for (const file of again.files) expect(sha(join(again.outDir, file.file)), file.file).toBe(sha(join(first.outDir, file.file)));
    }
  });

  it('write one FHIR resource of the file type per line, without JSON nulls, referring to written patients', () => {
    const patients = new Set(lines(fhir.outDir, 'Patient.ndjson').map((line) => (JSON.parse(line) as { id: string }).id));
    expect(patients.size).toBe(persons);
    for (const { file } of fhir.files.filter((entry) => entry.file.endsWith('.ndjson'))) {
      const type = file.replace('.ndjson', '');
      for (const line of lines(fhir.outDir, file)) {
        expect(line).not.toContain(':null');
        const resource = JSON.parse(line) as { resourceType: string; subject?: { reference: string }; beneficiary?: { reference: string } };
        expect(resource.resourceType).toBe(type);
        const reference = resource.subject?.reference ?? resource.beneficiary?.reference;
        if (type !== 'Patient') expect(patients.has(String(reference).replace('Patient/', '')), `${file}: ${reference}`).toBe(true);
      }
    }
  });

  it('link OMOP rows to written visits and date nothing after as_of', async () => {
    await withDb({ threads: 2 }, async (db) => {
      const dir = omop.outDir;
      const row = await db.one<{ dup_visits: string; orphans: string; last: string }>(`select
        (select count(*) - count(distinct visit_occurrence_id) from ${csv(dir, 'visit_occurrence.csv')}) as dup_visits,
        (select count(*) from (select visit_occurrence_id from ${csv(dir, 'condition_occurrence.csv')}
           union all select visit_occurrence_id from ${csv(dir, 'procedure_occurrence.csv')})
           where visit_occurrence_id not in (select visit_occurrence_id from ${csv(dir, 'visit_occurrence.csv')})) as orphans,
        greatest((select max(visit_end_date) from ${csv(dir, 'visit_occurrence.csv')}),
                 (select max(drug_exposure_start_date) from ${csv(dir, 'drug_exposure.csv')}),
                 (select max(observation_period_end_date) from ${csv(dir, 'observation_period.csv')})) as last`);
      expect(Number(row?.dup_visits)).toBe(0);
      expect(Number(row?.orphans)).toBe(0);
      expect(row?.last).toBe('2025-12-31');
    });
  });

  it('write the oncology denosumab (J0897 x 120) as its product in FHIR, as billed units in OMOP', async () => {
    await withDb({ threads: 2 }, async (db) => {
      const row = await db.one<{ units120: string }>(
        `select count(*) as units120 from ${csv(omop.outDir, 'procedure_occurrence.csv')} where procedure_source_value = 'J0897' and quantity::double = 120`,
      );
      const product = lines(fhir.outDir, 'MedicationAdministration.ndjson').filter((line) => line.includes('"99999-0920-01"'));
      expect(Number(row?.units120)).toBeGreaterThan(0);
      expect(product.length).toBe(Number(row?.units120));
    });
  });

  it('gzip the NDJSON files when asked', async () => {
    const zipped = await generatePopulation({ persons: 50, seed: 5, format: 'fhir', gzip: true, out: join(root, 'fhir-gz'), threads: 2 });
    expect(zipped.files.map((file) => file.file)).toContain('Patient.ndjson.gz');
    expect(existsSync(join(zipped.outDir, 'Patient.ndjson'))).toBe(false);
  });

  it('portable drops the events registry content and plants the population the other formats get', async () => {
    const events = await generatePopulation({ persons: 300, seed: 5, format: 'events', out: join(root, 'events-native'), threads: 2 });
    const portable = await generatePopulation({ persons: 300, seed: 5, format: 'events', portable: true, out: join(root, 'events-portable'), threads: 2 });
    const registryRows = (dir: string): number => lines(dir, 'events.csv').filter((line) => line.includes(',CAREGAP,') && line.includes('_supplement')).length;
    expect(registryRows(events.outDir)).toBeGreaterThan(0);
    expect(registryRows(portable.outDir)).toBe(0);
    expect(readFileSync(join(portable.outDir, 'truth.csv'), 'utf8')).toBe(
      readFileSync(join((await generatePopulation({ persons: 300, seed: 5, format: 'omop', out: join(root, 'omop-300'), threads: 2 })).outDir, 'truth.csv'), 'utf8'),
    );
  });
});
