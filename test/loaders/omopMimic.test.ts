import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { loadInputs, type LoadResult } from '../../pipeline/loaders/loadInputs.js';
import { defaultRuleParams } from '../../pipeline/params.js';
import { runRulePack } from '../../pipeline/rules/runRulePack.js';
import { publicDataset } from '../helpers/publicDataset.js';

const mimic = publicDataset('mimic-iv-demo-omop');
const person = '4498126063475867818';

describe('MIMIC-IV demo in OMOP CDM 5.3', () => {
  let db: Db;
  let result: LoadResult;

  beforeAll(async () => {
    db = await Db.open({ threads: 1 });
    // MIMIC-IV shifts every date into 2100-2202: an as_of in the extract's own time keeps them plausible.
    result = await loadInputs(db, { inputDir: mimic, asOf: '2202-12-31' });
  });
  afterAll(() => db.close());

  it('accounts for every row of every file in the manifest', async () => {
    expect(result.format).toBe('omop');
    expect(result.ignoredFiles).toEqual([]);
    const ledger = Object.fromEntries(result.files.map((file) => [file.file, [file.rowsRead, file.rowsLoaded, file.rowsRejected]]));
    expect(ledger).toEqual({
      'concept.csv.gz': [3885, 3885, 0],
      'person.csv.gz': [100, 100, 0],
      'observation_period.csv.gz': [100, 100, 0],
      'visit_occurrence.csv.gz': [852, 852, 0],
      // ICU chart values ('SR (Sinus Rhythm)'), item ids and drug names in MIMIC's local vocabularies:
      // no code system caregap reads, each rejected with its reason.
      'condition_occurrence.csv.gz': [16441, 3833, 12608],
      'procedure_occurrence.csv.gz': [18447, 337, 18110],
      'drug_exposure.csv.gz': [18229, 15252, 2977],
      'death.csv.gz': [15, 15, 0],
    });
    const reasons = await db.all('select file, reason, count(*)::integer as n from load_reject group by all order by file');
    expect(reasons).toEqual([
      { file: 'condition_occurrence.csv.gz', reason: 'unknown code system', n: 12608 },
      { file: 'drug_exposure.csv.gz', reason: 'unknown code system', n: 2977 },
      { file: 'procedure_occurrence.csv.gz', reason: 'unknown code system', n: 18110 },
    ]);
    expect(result.tableRows).toEqual({ person: 100, coverage: 100, clinical_event: 19422, inpatient_stay: 51 });
  });

  it('keeps 64-bit person ids as text and builds birth dates from the year alone', async () => {
    expect(await db.all('select * from person where person_id = $id', { id: person })).toEqual([
      { person_id: person, birth_date: '2075-01-01', sex: 'F', death_date: null, site: null, payer: null },
    ]);
    expect(await db.all('select person_id, death_date from person where person_id = $id', { id: '-2312013739856114142' })).toEqual([
      { person_id: '-2312013739856114142', death_date: '2116-07-05' },
    ]);
    expect(await db.all('select start_date, end_date from coverage where person_id = $id', { id: person })).toEqual([
      { start_date: '2154-08-12', end_date: '2160-07-16' },
    ]);
  });

  it('reads padded ICD source values, deciding ICD-9 or ICD-10 by shape and, for E/V codes, by the visit', async () => {
    const rows = await db.all(
      `select event_date, code_system, code, domain from clinical_event
       where person_id = $id and code in ('M8008XA', 'M4856XA', '73300', 'E039') order by event_date, code`,
      { id: person },
    );
    expect(rows).toEqual([
      { event_date: '2156-04-12', code_system: 'ICD9CM', code: '73300', domain: 'diagnosis' },
      { event_date: '2156-04-30', code_system: 'ICD9CM', code: '73300', domain: 'diagnosis' },
      { event_date: '2156-05-11', code_system: 'ICD9CM', code: '73300', domain: 'diagnosis' },
      { event_date: '2160-04-14', code_system: 'ICD10CM', code: 'E039', domain: 'diagnosis' },
      { event_date: '2160-04-14', code_system: 'ICD10CM', code: 'M8008XA', domain: 'diagnosis' },
      { event_date: '2160-07-15', code_system: 'ICD10CM', code: 'E039', domain: 'diagnosis' },
      { event_date: '2160-07-15', code_system: 'ICD10CM', code: 'M4856XA', domain: 'diagnosis' },
    ]);
    // E879.8 (an ICD-9 external cause) on an ICD-9 admission; V08 (ICD-9 HIV status).
    const external = await db.all(
      `select distinct code_system from clinical_event
       where (person_id = '4783904755296699562' and code = 'E8798') or code = 'V08'`,
    );
    expect(external).toEqual([{ code_system: 'ICD9CM' }]);
  });

  it('links diagnoses to inpatient visits (9201, 262) only', async () => {
    const stays = await db.all(
      `select count(*)::integer as n from clinical_event where person_id = $id and stay_id is not null`,
      { id: person },
    );
    // The person's 2156 admissions are emergency (8870) and the 2160 ones observation (581385).
    expect(stays).toEqual([{ n: 0 }]);
    const linked = await db.one<{ n: number }>(
      `select count(*)::integer as n from clinical_event as event
       inner join inpatient_stay as stay using (person_id, stay_id)
       where event.setting = 'inpatient'`,
    );
    expect(linked?.n).toBe(4680);
  });

  /*
   * The episodes, worked out by hand from docs/rules.md over the loaded rows:
   * Fracture codes in the data: -4502092208250381979 M48.54XA (2154-02-05); 1741351032930224901
   * 805.2 (2175-10-25), S22.068A (2183-08-03); 225226226646982867 805.4 (2141-07-30);
   * 421426604671948641 S22.0x9A/S32.029A (2147-12-30, 2148-01-25); 4668337230155062633 805.2 and
   * 805.4 (2116-12-02); 4498126063475867818 M80.08XA (2160-04-14), M48.56XA (2160-07-15).
   * All but M80.08XA are vertebral_fracture_other and need an osteoporosis diagnosis (M80%, M81%,
   * 733.0%) from 365 days before to 90 days after: only 4498126063475867818 has one (733.00 in 2156,
   * too early for anything but its own M80.08XA), so (§2):
   * - one episode, 4498126063475867818:2160-04-14 (M80.08XA, initial encounter, qualifies alone;
   *   M48.56XA on 2160-07-15 is within 365 days of it, so no second index); level unspecified
   *   (M80.08XA is not level-specific); born 2075 (month and day missing -> 2075-01-01), 85 at index;
   *   no malignancy code. as_of = latest event date 2201-12-13, after index + 365 = 2161-04-14.
   * - untreated-12m: no death row; coverage is the observation period 2154-08-12..2160-07-16, so the
   *   window [2160-04-14, 2161-04-14] has one uncovered run 2160-07-17..2161-04-14 (272 days > 45):
   *   excluded not_enrolled (§3; exclusions win over closed, and there is no therapy anyway).
   * - calcium-vitamin-d: the same person-window exclusion: excluded not_enrolled.
   * - early-augmentation: person-window exclusions do not apply; no vertebroplasty or kyphoplasty
   *   code anywhere in MIMIC's procedures: not_applicable no_augmentation (§6).
   */
  it('yields the one episode worked out by hand, with all three statuses', async () => {
    const run = await runRulePack(db, { params: defaultRuleParams, valueSetDirs: [] });
    expect(run.asOf).toBe('2201-12-13');
    const gaps = await db.all(
      `select episode_id, index_date, fracture_level, age_at_index, sex, rule_id, status, reason
       from patient_gaps order by rule_id`,
    );
    const episode = { episode_id: `${person}:2160-04-14`, index_date: '2160-04-14', fracture_level: 'unspecified', age_at_index: 85, sex: 'F' };
    expect(gaps).toEqual([
      { ...episode, rule_id: 'calcium-vitamin-d', status: 'excluded', reason: 'not_enrolled' },
      { ...episode, rule_id: 'early-augmentation', status: 'not_applicable', reason: 'no_augmentation' },
      { ...episode, rule_id: 'untreated-12m', status: 'excluded', reason: 'not_enrolled' },
    ]);
  });
});
