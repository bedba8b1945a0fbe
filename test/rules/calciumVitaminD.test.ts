// Rule B `calcium-vitamin-d` (docs/rules.md §3, §5): one fixture per edge case, named for the outcome.
// INDEX = 2020-03-02; evidence window [index - 180, min(index + 365, as_of)]; as_of = 2022-06-30
// unless stated. Test NDCs (test/rules/valuesets/supplements, labeler 99999): 99999000201 calcium
// 500 mg; 99999000301 calcium 600 mg + vitamin D 400 IU; 99999000401 vitamin D 1000 IU.
import { describe, expect, test } from 'vitest';
import { AS_OF_LATE, INDEX, day, elder, fracture, gapOf, outcome, runFixture, testValueSetDir, type EventInput } from './fixture.js';

const RULE = 'calcium-vitamin-d';
const asOf = { asOf: AS_OF_LATE };
const note = (offset: number, code: 'CALCIUM_SUPPLEMENT' | 'VITAMIN_D_SUPPLEMENT', extra: Partial<EventInput> = {}): EventInput => ({
  person_id: 'p1', event_date: day(INDEX, offset), code_system: 'CAREGAP', code, domain: 'registry', ...extra,
});
const calcium = (offset: number, extra: Partial<EventInput> = {}) => note(offset, 'CALCIUM_SUPPLEMENT', extra);
const vitaminD = (offset: number, extra: Partial<EventInput> = {}) => note(offset, 'VITAMIN_D_SUPPLEMENT', extra);
const ndc = (offset: number, code: string, extra: Partial<EventInput> = {}): EventInput => ({
  person_id: 'p1', event_date: day(INDEX, offset), code_system: 'NDC', code, domain: 'drug', ...extra,
});
const run = (events: EventInput[], params: object = asOf, death: string | null = null) =>
  runFixture({
    persons: [elder('p1', { death_date: death })],
    events: [fracture('p1'), ...events],
    params,
    valueSetDirs: [testValueSetDir('supplements')],
  });

describe('components', () => {
  test('calcium_and_vitamin_d_notes_with_unknown_dose_are_closed_supplemented', async () => {
    // Both on day 10, doses unknown -> satisfied; evidence is day 10 (calcium code on a tie).
    const { gaps } = await run([calcium(10), vitaminD(10)]);
    expect(gapOf(gaps, RULE)).toMatchObject({
      status: 'closed', reason: 'supplemented', evidence_date: day(INDEX, 10), evidence_code: 'CALCIUM_SUPPLEMENT', days_to_event: 10, due_date: null,
    });
  });

  test('evidence_is_the_later_of_the_first_calcium_and_first_vitamin_d', async () => {
    const { gaps } = await run([calcium(-100), vitaminD(50)]);
    expect(gapOf(gaps, RULE)).toMatchObject({ evidence_date: day(INDEX, 50), evidence_code: 'VITAMIN_D_SUPPLEMENT', days_to_event: 50 });
  });

  test('no_supplement_is_open_missing_calcium_plus_missing_vitamin_d', async () => {
    const { gaps } = await run([]);
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'open', reason: 'missing_calcium+missing_vitamin_d', due_date: null });
  });

  test('calcium_only_is_open_missing_vitamin_d', async () => {
    const { gaps } = await run([calcium(10)]);
    expect(outcome(gaps, RULE)).toBe('open:missing_vitamin_d');
  });

  test('vitamin_d_only_by_atc_is_open_missing_calcium', async () => {
    // ATC A11CC05 colecalciferol.
    const { gaps } = await run([{ person_id: 'p1', event_date: day(INDEX, 10), code_system: 'ATC', code: 'A11CC05', domain: 'drug' }]);
    expect(outcome(gaps, RULE)).toBe('open:missing_calcium');
  });

  test('calcitriol_is_active_vitamin_d_and_is_open_missing_vitamin_d', async () => {
    const { gaps } = await run([calcium(10), { person_id: 'p1', event_date: day(INDEX, 10), code_system: 'ATC', code: 'A11CC04', domain: 'drug' }]);
    expect(outcome(gaps, RULE)).toBe('open:missing_vitamin_d');
  });

  test('iv_calcium_does_not_count_and_is_open_missing_calcium', async () => {
    const { gaps } = await run([calcium(10, { route: 'IV' }), vitaminD(10)]);
    expect(outcome(gaps, RULE)).toBe('open:missing_calcium');
  });
});

describe('daily doses', () => {
  test('calcium_daily_dose_1000_mg_and_vitamin_d_800_iu_are_closed', async () => {
    const { gaps } = await run([calcium(10, { daily_dose: 1000, dose_unit: 'mg' }), vitaminD(10, { daily_dose: 800, dose_unit: 'IU' })]);
    expect(outcome(gaps, RULE)).toBe('closed:supplemented');
  });

  test('calcium_daily_dose_999_mg_is_open_low_calcium_dose', async () => {
    const { gaps } = await run([calcium(10, { daily_dose: 999, dose_unit: 'mg' }), vitaminD(10, { daily_dose: 800 })]);
    expect(outcome(gaps, RULE)).toBe('open:low_calcium_dose');
  });

  test('both_doses_low_is_open_low_calcium_dose_plus_low_vitamin_d_dose', async () => {
    const { gaps } = await run([calcium(10, { daily_dose: 500 }), vitaminD(10, { daily_dose: 799 })]);
    expect(outcome(gaps, RULE)).toBe('open:low_calcium_dose+low_vitamin_d_dose');
  });

  test('two_low_calcium_doses_are_not_summed_and_are_open_low_calcium_dose', async () => {
    // 600 + 600 mg on separate events: judged per event, each < 1000.
    const { gaps } = await run([calcium(10, { daily_dose: 600 }), calcium(10, { daily_dose: 600 }), vitaminD(10)]);
    expect(outcome(gaps, RULE)).toBe('open:low_calcium_dose');
  });

  test('one_unknown_dose_next_to_a_low_one_satisfies_and_is_closed', async () => {
    const { gaps } = await run([calcium(10, { daily_dose: 500 }), calcium(20), vitaminD(10)]);
    expect(outcome(gaps, RULE)).toBe('closed:supplemented');
  });

  test('strength_500_x_quantity_60_over_30_days_is_1000_mg_and_closed', async () => {
    // 500 mg x 60 / 30 = 1000 mg/day.
    const { gaps } = await run([ndc(10, '99999000201', { quantity: 60, days_supply: 30 }), vitaminD(10)]);
    expect(outcome(gaps, RULE)).toBe('closed:supplemented');
  });

  test('strength_500_x_quantity_30_over_30_days_is_500_mg_and_open_low_calcium_dose', async () => {
    const { gaps } = await run([ndc(10, '99999000201', { quantity: 30, days_supply: 30 }), vitaminD(10)]);
    expect(outcome(gaps, RULE)).toBe('open:low_calcium_dose');
  });

  test('strength_without_quantity_is_unknown_dose_and_closed', async () => {
    const { gaps } = await run([ndc(10, '99999000201', { days_supply: 30 }), vitaminD(10)]);
    expect(outcome(gaps, RULE)).toBe('closed:supplemented');
  });

  test('strength_with_days_supply_0_is_unknown_dose_and_closed', async () => {
    const { gaps } = await run([ndc(10, '99999000201', { quantity: 30, days_supply: 0 }), vitaminD(10)]);
    expect(outcome(gaps, RULE)).toBe('closed:supplemented');
  });

  test('event_daily_dose_wins_over_strength_arithmetic', async () => {
    // Strength gives 500 x 60 / 30 = 1000, but the event says 500 mg/day -> low.
    const { gaps } = await run([ndc(10, '99999000201', { quantity: 60, days_supply: 30, daily_dose: 500, dose_unit: 'mg' }), vitaminD(10)]);
    expect(outcome(gaps, RULE)).toBe('open:low_calcium_dose');
  });

  test('combination_product_two_a_day_counts_for_both_and_is_closed', async () => {
    // 99999000301 x 60 / 30 days: calcium 600 x 2 = 1200 mg, vitamin D 400 x 2 = 800 IU.
    const { gaps } = await run([ndc(10, '99999000301', { quantity: 60, days_supply: 30 })]);
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'closed', reason: 'supplemented', evidence_code: '99999000301' });
  });

  test('combination_product_one_a_day_is_open_low_calcium_dose_plus_low_vitamin_d_dose', async () => {
    // 600 mg and 400 IU a day.
    const { gaps } = await run([ndc(10, '99999000301', { quantity: 30, days_supply: 30 })]);
    expect(outcome(gaps, RULE)).toBe('open:low_calcium_dose+low_vitamin_d_dose');
  });

  test('combination_daily_dose_in_mg_is_not_used_for_vitamin_d', async () => {
    // daily_dose 1200 mg applies to calcium only; vitamin D falls back to 400 x 30 / 30 = 400 IU.
    const { gaps } = await run([ndc(10, '99999000301', { quantity: 30, days_supply: 30, daily_dose: 1200, dose_unit: 'mg' })]);
    expect(outcome(gaps, RULE)).toBe('open:low_vitamin_d_dose');
  });

  test('dashed_ndc_in_a_value_set_file_matches_the_11_digit_event_code', async () => {
    // Value-set row 99999-0004-01 is padded to 99999000401; 1000 x 30 / 30 = 1000 IU.
    const { gaps } = await run([calcium(10), ndc(10, '99999000401', { quantity: 30, days_supply: 30 })]);
    expect(outcome(gaps, RULE)).toBe('closed:supplemented');
  });
});

describe('window and statuses', () => {
  test('calcium_180_days_before_index_counts_and_is_closed', async () => {
    const { gaps } = await run([calcium(-180), vitaminD(10)]);
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'closed', days_to_event: 10 });
  });

  test('calcium_181_days_before_index_is_open_missing_calcium', async () => {
    const { gaps } = await run([calcium(-181), vitaminD(10)]);
    expect(outcome(gaps, RULE)).toBe('open:missing_calcium');
  });

  test('vitamin_d_on_day_365_counts_and_is_closed', async () => {
    const { gaps } = await run([calcium(10), vitaminD(365)]);
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'closed', days_to_event: 365 });
  });

  test('vitamin_d_on_day_366_is_open_missing_vitamin_d', async () => {
    const { gaps } = await run([calcium(10), vitaminD(366)]);
    expect(outcome(gaps, RULE)).toBe('open:missing_vitamin_d');
  });

  test('vitamin_d_after_as_of_is_ignored_and_prospective_missing_vitamin_d', async () => {
    // as_of day 200 < index + 365 -> prospective, due 2021-03-02.
    const { gaps } = await run([calcium(10), vitaminD(250)], { asOf: day(INDEX, 200) });
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'prospective', reason: 'missing_vitamin_d', due_date: '2021-03-02' });
  });

  test('supplemented_before_as_of_is_closed_even_while_the_window_runs', async () => {
    const { gaps } = await run([calcium(10), vitaminD(20)], { asOf: day(INDEX, 200) });
    expect(outcome(gaps, RULE)).toBe('closed:supplemented');
  });

  test('death_in_window_is_excluded_died_even_when_supplemented', async () => {
    const { gaps } = await run([calcium(10), vitaminD(10)], asOf, day(INDEX, 30));
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'excluded', reason: 'died', evidence_date: null, days_to_event: null });
  });

  test('coverage_gap_of_60_days_is_excluded_not_enrolled_even_when_supplemented', async () => {
    // Coverage to day 99, again from day 160: uncovered 100..159 = 60 days > 45.
    const { gaps } = await runFixture({
      persons: [elder('p1')],
      events: [fracture('p1'), calcium(10), vitaminD(10)],
      coverage: [
        { person_id: 'p1', start_date: '2015-01-01', end_date: day(INDEX, 99) },
        { person_id: 'p1', start_date: day(INDEX, 160), end_date: null },
      ],
      params: asOf,
    });
    expect(outcome(gaps, RULE)).toBe('excluded:not_enrolled');
  });
});
