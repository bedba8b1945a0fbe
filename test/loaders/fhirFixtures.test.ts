import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { loadInputs, type LoadResult } from '../../pipeline/loaders/loadInputs.js';
import { defaultRuleParams } from '../../pipeline/params.js';
import { projectRoot } from '../../pipeline/projectRoot.js';
import { runRulePack } from '../../pipeline/rules/runRulePack.js';

const fixtures = join(projectRoot(), 'test', 'fixtures', 'fhir');

interface Gap { person_id: string; index_date: string; rule_id: string; status: string; reason: string; evidence_date: string | null; days_to_event: number | null }

/*
 * test/fixtures/fhir/outcomes: one patient per outcome; as_of defaults to the latest event date,
 * 2021-06-30 (snomed-fracture-only's osteoporosis), after index + 365 = 2021-03-02 for every episode.
 * Worked by hand from docs/rules.md:
 * - admitted-kyphoplasty (F, born 1940-01-15, 80 at index): M80.08XA (ICD-10-CM coding) on 2020-03-02
 *   on inpatient Encounter stay-1 (class IMP, 2020-03-02..06) -> episode 2020-03-02 (§2). Coverage
 *   from 2019-01-01, open: enrolled (§3). A: alendronate RxNorm 904419 authored 2020-03-10, supply
 *   4 weeks = 28 days -> closed therapy_started, day 8 (§4). B: no supplement -> open
 *   missing_calcium+missing_vitamin_d (§5). C: kyphoplasty CPT 22514 on 2020-03-20 (day 18 < 90);
 *   stay-1 admitted in [index - 7, 2020-03-20] with M80.08XA on it -> closed hospital_admission (§6).
 * - opioid-vertebroplasty (M, 81): M80.08XA recorded 2020-03-02 (subject urn:uuid:...). No coverage:
 *   not checked. A: no therapy -> open no_therapy. B: open. C: the not-done CPT 22514 of 2020-03-05 is
 *   rejected; ICD-10-PCS 0QU03JZ on 2020-03-12 (day 10); no stay (class AMB); IV morphine (RxNorm 7052,
 *   route SNOMED 47625008) on 2020-03-05 -> closed parenteral_opioid.
 * - early-kyphoplasty-supplemented (F, 74): M80.08XA 2020-03-02. A: open no_therapy. B: calcium
 *   carbonate 1897 and cholecalciferol 2418 dispensed 2020-03-05, doses unknown -> closed supplemented.
 *   C: CPT 22514 on 2020-04-01 (day 30), no exception -> open before_90_days.
 * - snomed-fracture-only: SNOMED 15724005 + 443165006 + 64859006 only: no initial-encounter code, so
 *   no episode (docs/formats-omop-fhir.md).
 */
describe('FHIR fixtures: fracture, therapy, supplements, augmentation', () => {
  const db = { current: undefined as unknown as Db };
  let result: LoadResult;
  let gaps: Gap[] = [];

  beforeAll(async () => {
    db.current = await Db.open({ threads: 1 });
    result = await loadInputs(db.current, { inputDir: join(fixtures, 'outcomes') });
    await runRulePack(db.current, { params: defaultRuleParams, valueSetDirs: [] });
    gaps = await db.current.all<Gap & Record<string, unknown>>(
      'select person_id, index_date, rule_id, status, reason, evidence_date, days_to_event from patient_gaps',
    );
  });
  afterAll(() => db.current.close());

  it('detects the fhir format and accounts for every line', () => {
    expect(result.format).toBe('fhir');
    const ledger = Object.fromEntries(result.files.map((file) => [file.file, [file.rowsRead, file.rowsLoaded, file.rowsRejected]]));
    expect(ledger).toEqual({
      'Patient.ndjson': [4, 4, 0],
      'Encounter.ndjson': [2, 2, 0],
      'Coverage.ndjson': [1, 1, 0],
      'Condition.ndjson': [6, 6, 0],
      'Procedure.ndjson': [4, 3, 1],
      'MedicationRequest.ndjson': [1, 1, 0],
      'MedicationDispense.ndjson': [2, 2, 0],
      'MedicationAdministration.ndjson': [1, 1, 0],
    });
  });

  it('maps codings, supply, route and the stay link', async () => {
    const rows = await db.current.all(
      `select person_id, code_system, code, stay_id, days_supply, quantity, route from clinical_event
       where person_id in ('admitted-kyphoplasty', 'opioid-vertebroplasty') order by person_id, event_date, code_system`,
    );
    expect(rows).toEqual([
      { person_id: 'admitted-kyphoplasty', code_system: 'ICD10CM', code: 'M8008XA', stay_id: 'encounter:stay-1', days_supply: null, quantity: null, route: null },
      { person_id: 'admitted-kyphoplasty', code_system: 'SNOMED', code: '15724005', stay_id: 'encounter:stay-1', days_supply: null, quantity: null, route: null },
      { person_id: 'admitted-kyphoplasty', code_system: 'RXNORM', code: '904419', stay_id: null, days_supply: 28, quantity: 28, route: null },
      { person_id: 'admitted-kyphoplasty', code_system: 'CPT', code: '22514', stay_id: null, days_supply: null, quantity: null, route: null },
      { person_id: 'opioid-vertebroplasty', code_system: 'ICD10CM', code: 'M8008XA', stay_id: null, days_supply: null, quantity: null, route: null },
      { person_id: 'opioid-vertebroplasty', code_system: 'RXNORM', code: '7052', stay_id: null, days_supply: null, quantity: null, route: 'IV' },
      { person_id: 'opioid-vertebroplasty', code_system: 'ICD10PCS', code: '0QU03JZ', stay_id: null, days_supply: null, quantity: null, route: null },
    ]);
    expect(await db.current.all('select * from inpatient_stay')).toEqual([
      { person_id: 'admitted-kyphoplasty', stay_id: 'encounter:stay-1', admission_date: '2020-03-02', discharge_date: '2020-03-06' },
    ]);
    expect(await db.current.all('select * from coverage')).toEqual([
      { person_id: 'admitted-kyphoplasty', start_date: '2019-01-01', end_date: null, payer: 'Medicare' },
    ]);
  });

  const outcomes: [string, string, string][] = [
    ['admitted-kyphoplasty', 'untreated-12m', 'closed:therapy_started'],
    ['admitted-kyphoplasty', 'calcium-vitamin-d', 'open:missing_calcium+missing_vitamin_d'],
    ['admitted-kyphoplasty', 'early-augmentation', 'closed:hospital_admission'],
    ['opioid-vertebroplasty', 'untreated-12m', 'open:no_therapy'],
    ['opioid-vertebroplasty', 'calcium-vitamin-d', 'open:missing_calcium+missing_vitamin_d'],
    ['opioid-vertebroplasty', 'early-augmentation', 'closed:parenteral_opioid'],
    ['early-kyphoplasty-supplemented', 'untreated-12m', 'open:no_therapy'],
    ['early-kyphoplasty-supplemented', 'calcium-vitamin-d', 'closed:supplemented'],
    ['early-kyphoplasty-supplemented', 'early-augmentation', 'open:before_90_days'],
  ];

  it.each(outcomes)('%s, %s: %s', (person, rule, expected) => {
    const rows = gaps.filter((gap) => gap.person_id === person && gap.rule_id === rule);
    expect(rows.map((gap) => `${gap.status}:${gap.reason}`)).toEqual([expected]);
    expect(rows[0]?.index_date).toBe('2020-03-02');
  });

  it('dates the therapy evidence from authoredOn', () => {
    const therapy = gaps.find((gap) => gap.person_id === 'admitted-kyphoplasty' && gap.rule_id === 'untreated-12m');
    expect(therapy).toMatchObject({ evidence_date: '2020-03-10', days_to_event: 8 });
  });

  it('starts no episode from SNOMED codes alone', () => {
    expect(gaps.filter((gap) => gap.person_id === 'snomed-fracture-only')).toEqual([]);
    expect(new Set(gaps.map((gap) => gap.person_id)).size).toBe(3);
  });
});
