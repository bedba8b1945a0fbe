// Rule A `untreated-12m` (docs/rules.md §3, §4): one fixture per edge case, named for the outcome.
// INDEX = 2020-03-02; index + 365 = 2021-03-02; as_of = 2022-06-30 unless stated.
import { describe, expect, test } from 'vitest';
import { AS_OF_LATE, INDEX, day, elder, fracture, gapOf, outcome, runFixture, type CoverageInput, type EventInput } from './fixture.js';

const RULE = 'untreated-12m';
const asOf = { asOf: AS_OF_LATE };
const drug = (offset: number, codeSystem: string, code: string, extra: Partial<EventInput> = {}): EventInput => ({
  person_id: 'p1', event_date: day(INDEX, offset), code_system: codeSystem, code, domain: 'drug', ...extra,
});
const alendronate = (offset: number, extra: Partial<EventInput> = {}) => drug(offset, 'RXNORM', '46041', extra);
const run = (events: EventInput[], params: object = asOf, more: { coverage?: CoverageInput[]; death?: string } = {}) =>
  runFixture({
    persons: [elder('p1', { death_date: more.death ?? null })],
    events: [fracture('p1'), ...events],
    coverage: more.coverage ?? [],
    params,
  });

describe('closed and open', () => {
  test('alendronate_on_day_365_is_closed_therapy_started', async () => {
    const { gaps } = await run([alendronate(365)]);
    expect(gapOf(gaps, RULE)).toMatchObject({
      status: 'closed', reason: 'therapy_started', evidence_date: '2021-03-02', evidence_code: '46041', days_to_event: 365, due_date: null,
    });
  });

  test('alendronate_on_day_366_is_open_no_therapy', async () => {
    const { gaps } = await run([alendronate(366)]);
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'open', reason: 'no_therapy', evidence_date: null, due_date: null });
  });

  test('zoledronic_acid_300_days_before_is_closed_therapy_active_at_fracture', async () => {
    // J3489 on day -300 covers 365 days: [-300, +64], overlapping the index -> days_to_event -300.
    const { gaps } = await run([drug(-300, 'HCPCS', 'J3489')]);
    expect(gapOf(gaps, RULE)).toMatchObject({
      status: 'closed', reason: 'therapy_active_at_fracture', evidence_date: day(INDEX, -300), evidence_code: 'J3489', days_to_event: -300,
    });
  });

  test('zoledronic_acid_365_days_before_ended_the_day_before_and_is_open', async () => {
    // RxNorm 77655 on day -365 covers [-365, -1]: no overlap with [0, 365].
    const { gaps } = await run([drug(-365, 'RXNORM', '77655')]);
    expect(outcome(gaps, RULE)).toBe('open:no_therapy');
  });

  test('alendronate_30_days_before_without_days_supply_is_open', async () => {
    // Default cover 30: [-30, -1].
    const { gaps } = await run([alendronate(-30)]);
    expect(outcome(gaps, RULE)).toBe('open:no_therapy');
  });

  test('alendronate_29_days_before_reaches_the_index_and_is_closed', async () => {
    // [-29, 0] touches the index date.
    const { gaps } = await run([alendronate(-29)]);
    expect(outcome(gaps, RULE)).toBe('closed:therapy_active_at_fracture');
  });

  test('days_supply_120_overrides_cover_days_and_is_closed', async () => {
    // [-100, +19] with days_supply 120 (cover_days 30 would end at -71).
    const { gaps } = await run([alendronate(-100, { days_supply: 120 })]);
    expect(outcome(gaps, RULE)).toBe('closed:therapy_active_at_fracture');
  });

  test('earliest_overlapping_event_is_the_evidence', async () => {
    const { gaps } = await run([alendronate(200), drug(50, 'ATC', 'M05BX04')]);
    expect(gapOf(gaps, RULE)).toMatchObject({ evidence_code: 'M05BX04', days_to_event: 50 });
  });

  test('checked_ndc_00093517144_is_closed', async () => {
    const { gaps } = await run([drug(10, 'NDC', '00093517144', { days_supply: 28 })]);
    expect(outcome(gaps, RULE)).toBe('closed:therapy_started');
  });

  test('calcitonin_is_not_therapy_and_stays_open', async () => {
    const { gaps } = await run([drug(10, 'HCPCS', 'J0630'), drug(20, 'ATC', 'H05BA01')]);
    expect(outcome(gaps, RULE)).toBe('open:no_therapy');
  });
});

describe('denosumab J0897 units', () => {
  test('J0897_with_60_units_is_closed', async () => {
    const { gaps } = await run([drug(10, 'HCPCS', 'J0897', { units: 60 })]);
    expect(outcome(gaps, RULE)).toBe('closed:therapy_started');
  });

  test('J0897_with_120_units_is_oncology_and_open', async () => {
    const { gaps } = await run([drug(10, 'HCPCS', 'J0897', { units: 120 })]);
    expect(outcome(gaps, RULE)).toBe('open:no_therapy');
  });

  test('J0897_with_unknown_units_is_closed', async () => {
    const { gaps } = await run([drug(10, 'HCPCS', 'J0897')]);
    expect(outcome(gaps, RULE)).toBe('closed:therapy_started');
  });

  test('J0897_60_units_182_days_before_covers_183_days_and_is_active_at_fracture', async () => {
    // [-182, 0].
    const { gaps } = await run([drug(-182, 'HCPCS', 'J0897', { units: 60 })]);
    expect(outcome(gaps, RULE)).toBe('closed:therapy_active_at_fracture');
  });
});

describe('long-acting products (§4 v2)', () => {
  test('denosumab_pharmacy_claim_with_days_supply_1_182_days_before_covers_183_days_and_is_active_at_fracture', async () => {
    // RxNorm 993449 denosumab (cover_days 183 >= 90) with days_supply 1: covers [-182, 0], not just day -182.
    const { gaps } = await run([drug(-182, 'RXNORM', '993449', { days_supply: 1 })]);
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'closed', reason: 'therapy_active_at_fracture', days_to_event: -182 });
  });

  test('denosumab_with_days_supply_1_183_days_before_ended_the_day_before_and_is_open', async () => {
    // [-183, -1]: no overlap with [0, 365].
    const { gaps } = await run([drug(-183, 'RXNORM', '993449', { days_supply: 1 })]);
    expect(outcome(gaps, RULE)).toBe('open:no_therapy');
  });

  test('zoledronic_acid_with_days_supply_28_300_days_before_still_covers_365_days', async () => {
    // RxNorm 77655 (cover_days 365) with days_supply 28: [-300, 64].
    const { gaps } = await run([drug(-300, 'RXNORM', '77655', { days_supply: 28 })]);
    expect(outcome(gaps, RULE)).toBe('closed:therapy_active_at_fracture');
  });

  test('alendronate_days_supply_still_wins_below_90_cover_days', async () => {
    // RxNorm 46041 (cover_days 30) with days_supply 1 on day -1: covers [-1, -1] only.
    const { gaps } = await run([alendronate(-1, { days_supply: 1 })]);
    expect(outcome(gaps, RULE)).toBe('open:no_therapy');
  });
});

describe('prospective and as_of', () => {
  test('no_therapy_with_as_of_day_364_is_prospective_due_on_day_365', async () => {
    const { gaps } = await run([], { asOf: day(INDEX, 364) });
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'prospective', reason: 'no_therapy', due_date: '2021-03-02' });
  });

  test('no_therapy_with_as_of_day_365_is_open', async () => {
    const { gaps } = await run([], { asOf: day(INDEX, 365) });
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'open', reason: 'no_therapy', due_date: null });
  });

  test('therapy_after_as_of_is_ignored_and_prospective', async () => {
    const { gaps } = await run([alendronate(100)], { asOf: day(INDEX, 50) });
    expect(outcome(gaps, RULE)).toBe('prospective:no_therapy');
  });
});

describe('person-window exclusions', () => {
  test('death_on_day_200_is_excluded_died_even_with_therapy', async () => {
    const { gaps } = await run([alendronate(10)], asOf, { death: day(INDEX, 200) });
    expect(gapOf(gaps, RULE)).toMatchObject({ status: 'excluded', reason: 'died', evidence_date: null });
  });

  test('death_on_day_365_is_excluded_died', async () => {
    const { gaps } = await run([], asOf, { death: day(INDEX, 365) });
    expect(outcome(gaps, RULE)).toBe('excluded:died');
  });

  test('death_on_day_366_does_not_exclude', async () => {
    const { gaps } = await run([], asOf, { death: day(INDEX, 366) });
    expect(outcome(gaps, RULE)).toBe('open:no_therapy');
  });

  test('death_before_index_is_a_data_error_and_does_not_exclude', async () => {
    const { gaps } = await run([], asOf, { death: day(INDEX, -5) });
    expect(outcome(gaps, RULE)).toBe('open:no_therapy');
  });

  test('death_after_as_of_is_ignored', async () => {
    // Window [0, min(365, as_of = day 300)]; death on day 320 is outside -> prospective.
    const { gaps } = await run([], { asOf: day(INDEX, 300) }, { death: day(INDEX, 320) });
    expect(outcome(gaps, RULE)).toBe('prospective:no_therapy');
  });

  const span = (start: number | string, end: number | null): CoverageInput => ({
    person_id: 'p1',
    start_date: typeof start === 'string' ? start : day(INDEX, start),
    end_date: end === null ? null : day(INDEX, end),
  });

  test.each([
    ['full_open_ended_coverage_is_enrolled', [span('2015-01-01', null)], 'open:no_therapy'],
    // Covered to day 99, again from day 145: uncovered days 100..144 = 45 -> allowed.
    ['coverage_gap_of_45_days_is_enrolled', [span('2015-01-01', 99), span(145, null)], 'open:no_therapy'],
    // From day 146: uncovered 100..145 = 46 -> not enrolled.
    ['coverage_gap_of_46_days_is_not_enrolled', [span('2015-01-01', 99), span(146, null)], 'excluded:not_enrolled'],
    // Gaps 100..109 and 200..209: two gaps -> not enrolled.
    ['two_coverage_gaps_of_10_days_are_not_enrolled', [span('2015-01-01', 99), span(110, 199), span(210, null)], 'excluded:not_enrolled'],
    // Coverage from day 45: uncovered 0..44 = 45 at the window start -> allowed.
    ['leading_gap_of_45_days_is_enrolled', [span(45, null)], 'open:no_therapy'],
    ['leading_gap_of_46_days_is_not_enrolled', [span(46, null)], 'excluded:not_enrolled'],
    // Coverage ends day 320: uncovered 321..365 = 45 at the window end -> allowed.
    ['trailing_gap_of_45_days_is_enrolled', [span('2015-01-01', 320)], 'open:no_therapy'],
    ['trailing_gap_of_46_days_is_not_enrolled', [span('2015-01-01', 319)], 'excluded:not_enrolled'],
    // A span nested in a longer one must not hide the reach of the longer one: only 301..319 is a gap.
    ['nested_spans_leave_one_short_gap_and_are_enrolled', [span('2015-01-01', 300), span(50, 100), span(320, null)], 'open:no_therapy'],
    // Coverage only after the window (but before as_of): the whole window is one 366-day gap.
    ['coverage_only_after_the_window_is_not_enrolled', [span(400, null)], 'excluded:not_enrolled'],
    // The only row starts after as_of (2022-06-30): dropped -> no coverage rows -> not checked.
    ['coverage_starting_after_as_of_is_ignored_and_not_checked', [span('2022-07-01', null)], 'open:no_therapy'],
    ['no_coverage_rows_is_not_checked', [], 'open:no_therapy'],
  ])('%s', async (_name, coverage, expected) => {
    const { gaps } = await run([], asOf, { coverage });
    expect(outcome(gaps, RULE)).toBe(expected);
  });

  test('window_cut_at_as_of_allows_a_45_day_trailing_gap', async () => {
    // as_of day 200: window [0, 200]; coverage to day 155 -> uncovered 156..200 = 45 -> prospective.
    const { gaps } = await run([], { asOf: day(INDEX, 200) }, { coverage: [span('2015-01-01', 155)] });
    expect(outcome(gaps, RULE)).toBe('prospective:no_therapy');
  });

  test('window_cut_at_as_of_with_a_46_day_trailing_gap_is_not_enrolled', async () => {
    const { gaps } = await run([], { asOf: day(INDEX, 200) }, { coverage: [span('2015-01-01', 154)] });
    expect(outcome(gaps, RULE)).toBe('excluded:not_enrolled');
  });

  test('died_wins_over_not_enrolled', async () => {
    const { gaps } = await run([], asOf, { death: day(INDEX, 100), coverage: [span(200, null)] });
    expect(outcome(gaps, RULE)).toBe('excluded:died');
  });
});
