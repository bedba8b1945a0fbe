import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { loadInputs, type LoadResult } from '../../pipeline/loaders/loadInputs.js';
import { defaultRuleParams } from '../../pipeline/params.js';
import { runRulePack } from '../../pipeline/rules/runRulePack.js';
import { publicDataset } from '../helpers/publicDataset.js';

const bulk = publicDataset('fhir-bulk-10-patients');

describe('FHIR bulk export, 10 Synthea patients', () => {
  let db: Db;
  let result: LoadResult;

  beforeAll(async () => {
    db = await Db.open({ threads: 1 });
    result = await loadInputs(db, { inputDir: bulk });
  });
  afterAll(() => db.close());

  it('detects the format and accounts for every resource', () => {
    expect(result.format).toBe('fhir');
    const ledger = Object.fromEntries(result.files.map((file) => [file.role, [file.rowsRead, file.rowsLoaded, file.rowsRejected]]));
    expect(ledger).toEqual({
      Patient: [13, 13, 0],
      Encounter: [1215, 1215, 0],
      Condition: [555, 555, 0],
      Procedure: [2056, 2056, 0],
      MedicationRequest: [1745, 1745, 0],
    });
    // One event per coding: every Condition, Procedure and MedicationRequest here has exactly one.
    expect(result.tableRows).toEqual({ person: 13, coverage: 0, clinical_event: 555 + 2056 + 1745, inpatient_stay: 49 });
  });

  it('keeps the osteoporosis patient and the 17 alendronate requests, coded as given', async () => {
    const rows = await db.all(
      `select code_system, code, count(*)::integer as n, count(distinct person_id)::integer as persons
       from clinical_event where code in ('64859006', '443165006', '904419') group by all order by code`,
    );
    expect(rows).toEqual([
      { code_system: 'SNOMED', code: '443165006', n: 1, persons: 1 },
      { code_system: 'SNOMED', code: '64859006', n: 1, persons: 1 },
      { code_system: 'RXNORM', code: '904419', n: 17, persons: 1 },
    ]);
    const dead = await db.one<{ n: number }>('select count(*)::integer as n from person where death_date is not null');
    expect(dead?.n).toBe(3);
  });

  it('yields no episode (no vertebral fracture), though SNOMED osteoporosis and RxNorm therapy are tagged', async () => {
    const run = await runRulePack(db, { params: defaultRuleParams, valueSetDirs: [] });
    expect(run.episodes).toBe(0);
    expect(await db.all('select * from patient_gaps')).toEqual([]);
    const tags = await db.all(
      `select value_set, count(*)::integer as n from tagged_event
       where value_set in ('osteoporosis_diagnosis', 'osteoporosis_therapy', 'vertebral_fracture_osteoporotic', 'vertebral_fracture_other')
       group by all order by value_set`,
    );
    expect(tags).toEqual([
      { value_set: 'osteoporosis_diagnosis', n: 2 },
      { value_set: 'osteoporosis_therapy', n: 17 },
    ]);
  });
});
