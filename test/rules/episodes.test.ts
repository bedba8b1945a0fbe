// Episodes (docs/rules.md §2): one fixture per edge case, named for the expected outcome.
// Unless stated, INDEX = 2020-03-02 and as_of = 2022-06-30 (after index + 365 = 2021-03-02).
import { describe, expect, test } from 'vitest';
import { AS_OF_LATE, INDEX, day, elder, fracture, gapOf, runFixture, type EventInput } from './fixture.js';

const asOf = { asOf: AS_OF_LATE };
const osteoporosisDx = (personId: string, date: string): EventInput => ({
  person_id: personId, event_date: date, code_system: 'ICD10CM', code: 'M810', domain: 'diagnosis',
});

describe('qualifying diagnoses', () => {
  test('initial_encounter_A_starts_one_episode_in_all_three_rules', async () => {
    // M80.08XA on 2020-03-02 -> one episode p1:2020-03-02; three rows (one per rule); age 80.
    const { gaps } = await runFixture({ persons: [elder('p1')], events: [fracture('p1')], params: asOf });
    expect(gaps.map((gap) => gap.rule_id).sort()).toEqual(['calcium-vitamin-d', 'early-augmentation', 'untreated-12m']);
    expect(new Set(gaps.map((gap) => gap.episode_id))).toEqual(new Set(['p1:2020-03-02']));
    expect(gaps[0]).toMatchObject({ index_date: INDEX, age_at_index: 80, sex: 'F', fracture_level: 'unspecified' });
  });

  test('seventh_character_D_starts_no_episode', async () => {
    // M80.08XD is a subsequent encounter: it never starts an episode.
    const { gaps, attrition } = await runFixture({ persons: [elder('p1')], events: [fracture('p1', INDEX, 'M8008XD')], params: asOf });
    expect(gaps).toEqual([]);
    expect(attrition.slice(0, 2).map((row) => row.n)).toEqual([1, 0]);
  });

  test('seventh_character_S_starts_no_episode', async () => {
    const { gaps } = await runFixture({ persons: [elder('p1')], events: [fracture('p1', INDEX, 'M8008XS')], params: asOf });
    expect(gaps).toEqual([]);
  });

  test('lumbar_S32_seventh_character_B_with_osteoporosis_starts_lumbar_episode', async () => {
    // S32.010B (initial, open) + M81.0 the same day -> episode, level lumbar.
    const { gaps } = await runFixture({
      persons: [elder('p1')],
      events: [fracture('p1', INDEX, 'S32010B'), osteoporosisDx('p1', INDEX)],
      params: asOf,
    });
    expect(gapOf(gaps, 'untreated-12m').fracture_level).toBe('lumbar');
  });

  test('thoracic_S22_without_osteoporosis_diagnosis_starts_no_episode', async () => {
    const { gaps } = await runFixture({ persons: [elder('p1')], events: [fracture('p1', INDEX, 'S22000A')], params: asOf });
    expect(gaps).toEqual([]);
  });

  test('osteoporosis_diagnosis_365_days_before_qualifies_other_fracture', async () => {
    // M81.0 on index - 365 = 2019-03-03: inside [-365, +90] -> thoracic episode.
    const { gaps } = await runFixture({
      persons: [elder('p1')],
      events: [fracture('p1', INDEX, 'S22000A'), osteoporosisDx('p1', day(INDEX, -365))],
      params: asOf,
    });
    expect(gapOf(gaps, 'untreated-12m')).toMatchObject({ episode_id: 'p1:2020-03-02', fracture_level: 'thoracic' });
  });

  test('osteoporosis_diagnosis_366_days_before_does_not_qualify', async () => {
    const { gaps } = await runFixture({
      persons: [elder('p1')],
      events: [fracture('p1', INDEX, 'S22000A'), osteoporosisDx('p1', day(INDEX, -366))],
      params: asOf,
    });
    expect(gaps).toEqual([]);
  });

  test('osteoporosis_diagnosis_90_days_after_qualifies', async () => {
    const { gaps } = await runFixture({
      persons: [elder('p1')],
      events: [fracture('p1', INDEX, 'S22000A'), osteoporosisDx('p1', day(INDEX, 90))],
      params: asOf,
    });
    expect(gaps).toHaveLength(3);
  });

  test('osteoporosis_diagnosis_91_days_after_does_not_qualify', async () => {
    const { gaps } = await runFixture({
      persons: [elder('p1')],
      events: [fracture('p1', INDEX, 'S22000A'), osteoporosisDx('p1', day(INDEX, 91))],
      params: asOf,
    });
    expect(gaps).toEqual([]);
  });

  test('osteoporosis_diagnosis_after_as_of_does_not_qualify', async () => {
    // M81.0 at day 60 is inside +90 but after as_of = day 30: ignored, so no episode.
    const { gaps } = await runFixture({
      persons: [elder('p1')],
      events: [fracture('p1', INDEX, 'S22000A'), osteoporosisDx('p1', day(INDEX, 60))],
      params: { asOf: day(INDEX, 30) },
    });
    expect(gaps).toEqual([]);
  });

  test('fracture_after_as_of_starts_no_episode', async () => {
    const { gaps } = await runFixture({ persons: [elder('p1')], events: [fracture('p1')], params: { asOf: day(INDEX, -1) } });
    expect(gaps).toEqual([]);
  });

  test('icd9_procedure_8052_does_not_match_diagnosis_805_2', async () => {
    // 80.52 (procedure) and 805.2 (diagnosis) both normalise to 8052; domain procedure -> no match.
    const { gaps } = await runFixture({
      persons: [elder('p1')],
      events: [
        { person_id: 'p1', event_date: INDEX, code_system: 'ICD9CM', code: '8052', domain: 'procedure' },
        { person_id: 'p1', event_date: INDEX, code_system: 'ICD9CM', code: '73301', domain: 'diagnosis' },
      ],
      params: asOf,
    });
    expect(gaps).toEqual([]);
  });

  test('icd9_8052_with_unknown_domain_starts_thoracic_episode', async () => {
    // Domain null (events format): 8052 matches the diagnosis 805.2; osteoporosis 733.01 same day.
    const { gaps } = await runFixture({
      persons: [elder('p1')],
      events: [
        { person_id: 'p1', event_date: INDEX, code_system: 'ICD9CM', code: '8052' },
        { person_id: 'p1', event_date: INDEX, code_system: 'ICD9CM', code: '73301' },
      ],
      params: asOf,
    });
    expect(gapOf(gaps, 'untreated-12m').fracture_level).toBe('thoracic');
  });
});

describe('index dates', () => {
  test('second_fracture_365_days_later_is_the_same_episode', async () => {
    // 2021-03-02 is index + 365: not more than 365 days after -> no new episode.
    const { gaps } = await runFixture({ persons: [elder('p1')], events: [fracture('p1'), fracture('p1', day(INDEX, 365))], params: asOf });
    expect(new Set(gaps.map((gap) => gap.episode_id))).toEqual(new Set(['p1:2020-03-02']));
  });

  test('second_fracture_366_days_later_starts_a_second_episode', async () => {
    // 2021-03-03 is index + 366 -> second episode p1:2021-03-03.
    const { gaps, result } = await runFixture({ persons: [elder('p1')], events: [fracture('p1'), fracture('p1', day(INDEX, 366))], params: asOf });
    expect(new Set(gaps.map((gap) => gap.episode_id))).toEqual(new Set(['p1:2020-03-02', 'p1:2021-03-03']));
    expect(result.episodes).toBe(2);
  });

  test('index_chain_counts_from_the_index_date_not_the_previous_diagnosis', async () => {
    // Dates day 0, 200, 400: 200 is within 365 of index 0; 400 is > 365 after 0 (though only 200
    // after the previous diagnosis) -> episodes on day 0 and day 400 (2021-04-06).
    const { episodes } = await runFixture({
      persons: [elder('p1')],
      events: [fracture('p1'), fracture('p1', day(INDEX, 200)), fracture('p1', day(INDEX, 400))],
      params: asOf,
    });
    expect(episodes.map((episode) => episode.index_date)).toEqual([INDEX, '2021-04-06']);
  });
});

describe('episode exclusions and age', () => {
  test('age_49_on_index_date_is_excluded_age_under_min_in_all_rules', async () => {
    // Born 1970-03-03, index 2020-03-02: birthday not yet reached -> 49 < 50.
    const { gaps } = await runFixture({ persons: [elder('p1', { birth_date: '1970-03-03' })], events: [fracture('p1')], params: asOf });
    expect(gaps.map((gap) => `${gap.status}:${gap.reason}:${gap.age_at_index}`)).toEqual(Array(3).fill('excluded:age_under_min:49'));
  });

  test('age_50_on_birthday_is_judged', async () => {
    // Born 1970-03-02, index 2020-03-02 -> 50.
    const { gaps } = await runFixture({ persons: [elder('p1', { birth_date: '1970-03-02' })], events: [fracture('p1')], params: asOf });
    expect(gapOf(gaps, 'untreated-12m')).toMatchObject({ age_at_index: 50, status: 'open' });
  });

  test('born_29_february_is_49_on_28_february_of_a_common_year', async () => {
    // Born 1960-02-29, index 2010-02-28: 02-28 < 02-29 -> 2010 - 1960 - 1 = 49 -> excluded.
    const { gaps } = await runFixture({ persons: [elder('p1', { birth_date: '1960-02-29' })], events: [fracture('p1', '2010-02-28')], params: asOf });
    expect(gapOf(gaps, 'untreated-12m')).toMatchObject({ age_at_index: 49, status: 'excluded', reason: 'age_under_min' });
  });

  test('born_29_february_turns_50_on_1_march_of_a_common_year', async () => {
    const { gaps } = await runFixture({ persons: [elder('p1', { birth_date: '1960-02-29' })], events: [fracture('p1', '2010-03-01')], params: asOf });
    expect(gapOf(gaps, 'untreated-12m')).toMatchObject({ age_at_index: 50, status: 'open' });
  });

  test('born_29_february_turns_60_on_29_february_of_a_leap_year', async () => {
    const { gaps } = await runFixture({ persons: [elder('p1', { birth_date: '1960-02-29' })], events: [fracture('p1', '2020-02-29')], params: asOf });
    expect(gapOf(gaps, 'untreated-12m').age_at_index).toBe(60);
  });

  test('missing_birth_date_is_excluded_unknown_age_even_with_malignancy', async () => {
    const { gaps } = await runFixture({
      persons: [elder('p1', { birth_date: null })],
      events: [fracture('p1'), { person_id: 'p1', event_date: INDEX, code_system: 'ICD10CM', code: 'C7951' }],
      params: asOf,
    });
    expect(gaps.map((gap) => `${gap.status}:${gap.reason}`)).toEqual(Array(3).fill('excluded:unknown_age'));
  });

  test('person_missing_from_person_table_is_excluded_unknown_age', async () => {
    const { gaps } = await runFixture({ persons: [], events: [fracture('p9')], params: asOf });
    expect(gapOf(gaps, 'early-augmentation')).toMatchObject({ status: 'excluded', reason: 'unknown_age', sex: null });
  });

  test('age_under_min_wins_over_malignancy', async () => {
    const { gaps } = await runFixture({
      persons: [elder('p1', { birth_date: '1980-01-01' })],
      events: [fracture('p1'), { person_id: 'p1', event_date: INDEX, code_system: 'ICD10CM', code: 'C7951' }],
      params: asOf,
    });
    expect(gapOf(gaps, 'untreated-12m').reason).toBe('age_under_min');
  });

  test.each([
    ['malignancy_30_days_after_index_excludes', 30, 'excluded:malignancy'],
    ['malignancy_31_days_after_index_does_not_exclude', 31, 'open:no_therapy'],
    ['malignancy_365_days_before_index_excludes', -365, 'excluded:malignancy'],
    ['malignancy_366_days_before_index_does_not_exclude', -366, 'open:no_therapy'],
  ])('%s', async (_name, offset, expected) => {
    // Multiple myeloma C90.00 (pattern C900%) at index + offset; window [-365, +30].
    const { gaps } = await runFixture({
      persons: [elder('p1')],
      events: [fracture('p1'), { person_id: 'p1', event_date: day(INDEX, offset), code_system: 'ICD10CM', code: 'C9000' }],
      params: asOf,
    });
    const gap = gapOf(gaps, 'untreated-12m');
    expect(`${gap.status}:${gap.reason}`).toBe(expected);
  });

  test('malignancy_after_as_of_does_not_exclude', async () => {
    // C79.51 at day 20 is inside +30 but after as_of = day 10 -> ignored -> prospective.
    const { gaps } = await runFixture({
      persons: [elder('p1')],
      events: [fracture('p1'), { person_id: 'p1', event_date: day(INDEX, 20), code_system: 'ICD10CM', code: 'C7951' }],
      params: { asOf: day(INDEX, 10) },
    });
    expect(gapOf(gaps, 'untreated-12m').status).toBe('prospective');
  });
});

describe('run-wide settings', () => {
  test('level_lumbar_keeps_only_lumbar_episodes', async () => {
    // p1 lumbar (S32.010A + M81.0), p2 unspecified (M80.08XA): with --level lumbar only p1 remains.
    const { gaps, attrition } = await runFixture({
      persons: [elder('p1'), elder('p2')],
      events: [fracture('p1', INDEX, 'S32010A'), osteoporosisDx('p1', INDEX), fracture('p2')],
      params: { ...asOf, level: 'lumbar' },
    });
    expect(new Set(gaps.map((gap) => gap.person_id))).toEqual(new Set(['p1']));
    expect(attrition.find((row) => row.stage === 'index_dates')?.n).toBe(2);
    expect(attrition.find((row) => row.stage === 'episodes')?.n).toBe(1);
  });

  test('as_of_defaults_to_the_latest_event_date', async () => {
    // Latest event: a calcium note on day 400 = 2021-04-06 -> as_of 2021-04-06 >= index + 365 -> open.
    const { result, gaps } = await runFixture({
      persons: [elder('p1')],
      events: [fracture('p1'), { person_id: 'p1', event_date: day(INDEX, 400), code_system: 'CAREGAP', code: 'CALCIUM_SUPPLEMENT' }],
    });
    expect(result.asOf).toBe('2021-04-06');
    expect(gapOf(gaps, 'untreated-12m').status).toBe('open');
  });
});
