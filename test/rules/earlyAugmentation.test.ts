// Rule C `early-augmentation` (docs/rules.md §6): one fixture per edge case, named for the outcome.
// INDEX = 2020-03-02; as_of = 2022-06-30 unless stated; augmentation CPT 22511 (vertebroplasty).
import { describe, expect, test } from 'vitest';
import { AS_OF_LATE, INDEX, day, elder, fracture, gapOf, outcome, runFixture, type EventInput, type StayInput } from './fixture.js';

const RULE = 'early-augmentation';
const asOf = { asOf: AS_OF_LATE };
const event = (offset: number, codeSystem: string, code: string, extra: Partial<EventInput> = {}): EventInput => ({
  person_id: 'p1', event_date: day(INDEX, offset), code_system: codeSystem, code, ...extra,
});
const augmentation = (offset: number, code = '22511') => event(offset, 'CPT', code, { domain: 'procedure' });
const stay = (offset: number, stayId = 's1'): StayInput => ({
  person_id: 'p1', stay_id: stayId, admission_date: day(INDEX, offset), discharge_date: day(INDEX, offset + 3),
});
const stayDiagnosis = (offset: number, code: string, stayId = 's1') =>
  event(offset, 'ICD10CM', code, { domain: 'diagnosis', setting: 'inpatient', stay_id: stayId });
const run = (events: EventInput[], more: { stays?: StayInput[]; params?: object; death?: string; birth?: string } = {}) =>
  runFixture({
    persons: [elder('p1', { death_date: more.death ?? null, ...(more.birth ? { birth_date: more.birth } : {}) })],
    events: [fracture('p1'), ...events],
    stays: more.stays ?? [],
    params: more.params ?? asOf,
  });

describe('augmentation timing', () => {
  test('no_augmentation_is_not_applicable_no_augmentation', async () => {
    const { gaps } = await run([]);
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'not_applicable', reason: 'no_augmentation', evidence_date: null, days_to_event: null });
  });

  test('augmentation_on_day_90_is_closed_after_conservative_care', async () => {
    const { gaps } = await run([augmentation(90)]);
    expect(gapOf(gaps, RULE)).toMatchObject({
      status: 'closed', reason: 'after_conservative_care', evidence_date: day(INDEX, 90), evidence_code: '22511', days_to_event: 90, due_date: null,
    });
  });

  test('augmentation_on_day_89_is_open_before_90_days', async () => {
    const { gaps } = await run([augmentation(89)]);
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'open', reason: 'before_90_days', days_to_event: 89 });
  });

  test('augmentation_on_the_index_date_is_open_before_90_days', async () => {
    const { gaps } = await run([augmentation(0)]);
    expect(outcome(gaps, RULE)).toBe('open:before_90_days');
  });

  test('augmentation_on_day_366_is_not_applicable', async () => {
    const { gaps } = await run([augmentation(366)]);
    expect(outcome(gaps, RULE)).toBe('not_applicable:no_augmentation');
  });

  test('augmentation_the_day_before_index_is_not_applicable', async () => {
    const { gaps } = await run([augmentation(-1)]);
    expect(outcome(gaps, RULE)).toBe('not_applicable:no_augmentation');
  });

  test('first_augmentation_is_judged_and_later_one_ignored', async () => {
    const { gaps } = await run([augmentation(120), augmentation(30, '22514')]);
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'open', evidence_code: '22514', days_to_event: 30 });
  });

  test('kyphoplasty_keeps_its_code_as_evidence', async () => {
    const { gaps } = await run([augmentation(100, '22514')]);
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'closed', evidence_code: '22514' });
  });

  test('icd10pcs_0QU03JZ_on_day_10_is_open_before_90_days', async () => {
    const { gaps } = await run([event(10, 'ICD10PCS', '0QU03JZ', { domain: 'procedure' })]);
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'open', evidence_code: '0QU03JZ' });
  });

  test('icd9_procedure_81_65_on_day_10_is_open_before_90_days', async () => {
    const { gaps } = await run([event(10, 'ICD9CM', '8165', { domain: 'procedure' })]);
    expect(outcome(gaps, RULE)).toBe('open:before_90_days');
  });

  test('augmentation_after_as_of_is_ignored_and_not_applicable', async () => {
    // No prospective status in rule C.
    const { gaps } = await run([augmentation(100)], { params: { asOf: day(INDEX, 60) } });
    expect(outcome(gaps, RULE)).toBe('not_applicable:no_augmentation');
  });

  test('conservative_care_days_30_makes_day_45_closed_after_conservative_care', async () => {
    const { gaps } = await run([augmentation(45)], { params: { ...asOf, conservativeCareDays: 30 } });
    expect(outcome(gaps, RULE)).toBe('closed:after_conservative_care');
  });

  test('person_window_does_not_apply_death_on_day_40_stays_open', async () => {
    // Rule A is excluded (died); rule C judges the procedure that happened.
    const { gaps } = await run([augmentation(10)], { death: day(INDEX, 40) });
    expect(outcome(gaps, RULE)).toBe('open:before_90_days');
    expect(outcome(gaps, 'untreated-12m')).toBe('excluded:died');
  });

  test('episode_excluded_age_49_is_excluded_age_under_min', async () => {
    const { gaps } = await run([augmentation(10)], { birth: '1970-03-03' });
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'excluded', reason: 'age_under_min', evidence_code: null });
  });
});

describe('exceptions', () => {
  test('stay_admitted_7_days_before_index_with_fracture_code_is_closed_hospital_admission', async () => {
    // M80.08XD (any 7th character counts on the stay), stay admitted day -7, augmentation day 10.
    const { gaps } = await run([stayDiagnosis(-7, 'M8008XD'), augmentation(10)], { stays: [stay(-7)] });
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'closed', reason: 'hospital_admission', evidence_code: '22511', days_to_event: 10 });
  });

  test('stay_admitted_8_days_before_index_is_open_before_90_days', async () => {
    // The stay's code is M80.08XD: an initial-encounter (A) code on day -8 would move the index.
    const { gaps } = await run([stayDiagnosis(-8, 'M8008XD'), augmentation(10)], { stays: [stay(-8)] });
    expect(outcome(gaps, RULE)).toBe('open:before_90_days');
  });

  test('stay_admitted_on_the_augmentation_date_is_closed_hospital_admission', async () => {
    const { gaps } = await run([stayDiagnosis(10, 'S32010A'), augmentation(10)], { stays: [stay(10)] });
    expect(outcome(gaps, RULE)).toBe('closed:hospital_admission');
  });

  test('stay_admitted_after_the_augmentation_is_open_before_90_days', async () => {
    const { gaps } = await run([stayDiagnosis(11, 'M8008XD'), augmentation(10)], { stays: [stay(11)] });
    expect(outcome(gaps, RULE)).toBe('open:before_90_days');
  });

  test('stay_without_a_vertebral_fracture_code_is_open_before_90_days', async () => {
    const { gaps } = await run([stayDiagnosis(0, 'I10'), augmentation(10)], { stays: [stay(0)] });
    expect(outcome(gaps, RULE)).toBe('open:before_90_days');
  });

  test('parenteral_morphine_J2270_is_closed_parenteral_opioid', async () => {
    const { gaps } = await run([event(5, 'HCPCS', 'J2270', { domain: 'drug' }), augmentation(10)]);
    expect(outcome(gaps, RULE)).toBe('closed:parenteral_opioid');
  });

  test('parenteral_opioid_the_day_before_index_is_open_before_90_days', async () => {
    const { gaps } = await run([event(-1, 'HCPCS', 'J2270', { domain: 'drug' }), augmentation(10)]);
    expect(outcome(gaps, RULE)).toBe('open:before_90_days');
  });

  test('morphine_rxnorm_route_iv_is_closed_parenteral_opioid', async () => {
    const { gaps } = await run([event(0, 'RXNORM', '7052', { domain: 'drug', route: 'IV' }), augmentation(10)]);
    expect(outcome(gaps, RULE)).toBe('closed:parenteral_opioid');
  });

  test('morphine_rxnorm_route_oral_is_open_before_90_days', async () => {
    const { gaps } = await run([event(0, 'RXNORM', '7052', { domain: 'drug', route: 'oral' }), augmentation(10)]);
    expect(outcome(gaps, RULE)).toBe('open:before_90_days');
  });

  test('opioid_allergy_365_days_before_index_is_closed_analgesic_contraindication', async () => {
    const { gaps } = await run([event(-365, 'ICD10CM', 'Z885', { domain: 'diagnosis' }), augmentation(10)]);
    expect(outcome(gaps, RULE)).toBe('closed:analgesic_contraindication');
  });

  test('opioid_allergy_366_days_before_index_is_open_before_90_days', async () => {
    const { gaps } = await run([event(-366, 'ICD10CM', 'Z885', { domain: 'diagnosis' }), augmentation(10)]);
    expect(outcome(gaps, RULE)).toBe('open:before_90_days');
  });

  test('gastric_ulcer_K25_0_after_augmentation_is_open_before_90_days', async () => {
    const { gaps } = await run([event(11, 'ICD10CM', 'K250', { domain: 'diagnosis' }), augmentation(10)]);
    expect(outcome(gaps, RULE)).toBe('open:before_90_days');
  });

  test('all_three_exceptions_give_hospital_admission', async () => {
    const { gaps } = await run(
      [
        event(-30, 'ICD10CM', 'N184', { domain: 'diagnosis' }),
        event(2, 'HCPCS', 'J1170', { domain: 'drug' }),
        stayDiagnosis(5, 'M4856XA'),
        augmentation(10),
      ],
      { stays: [stay(5)] },
    );
    expect(outcome(gaps, RULE)).toBe('closed:hospital_admission');
  });

  test('parenteral_opioid_wins_over_analgesic_contraindication', async () => {
    const { gaps } = await run([event(-30, 'ICD10CM', 'N184', { domain: 'diagnosis' }), event(8, 'HCPCS', 'J1170', { domain: 'drug' }), augmentation(10)]);
    expect(outcome(gaps, RULE)).toBe('closed:parenteral_opioid');
  });

  test('exception_does_not_matter_after_90_days', async () => {
    const { gaps } = await run([event(5, 'HCPCS', 'J2270', { domain: 'drug' }), augmentation(95)]);
    expect(outcome(gaps, RULE)).toBe('closed:after_conservative_care');
  });
});
