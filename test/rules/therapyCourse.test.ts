// The therapy course (docs/rules.md §8): one fixture per edge, named for the outcome it must produce,
// its expected values worked out by hand in the comment above it.
// INDEX = 2020-03-02 (fracture); "day N" = INDEX + N. With the default course_days 365 a course
// started on day 0 runs to day 364 (2021-03-01): 365 follow-up days. as_of = 2022-06-30 unless stated.
// Drugs: RxNorm 46041 alendronate and 73056 risedronate (cover_days 30, so days_supply counts);
// RxNorm 993449 denosumab and HCPCS J0897 (cover_days 183), HCPCS J3489 zoledronic acid (365):
// long-acting, so their cover_days always apply (§4 v2).
// Outpatient days are numbered 1, 2, ... on the course timeline (inpatient days have no number).
import { beforeAll, describe, expect, test } from 'vitest';
import type { Row } from '../../pipeline/db.js';
import { courseColumns } from '../../pipeline/rules/episodeExportColumns.js';
import { AS_OF_LATE, INDEX, day, elder, fracture, runFixture, type CoverageInput, type EventInput, type StayInput } from './fixture.js';

type Course = Record<(typeof courseColumns)[number], unknown>;

const drug = (offset: number, codeSystem: string, code: string, extra: Partial<EventInput> = {}): EventInput => ({
  person_id: 'p1', event_date: day(INDEX, offset), code_system: codeSystem, code, domain: 'drug', ...extra,
});
const alendronate = (offset: number, daysSupply: number) => drug(offset, 'RXNORM', '46041', { days_supply: daysSupply });
const risedronate = (offset: number, daysSupply: number) => drug(offset, 'RXNORM', '73056', { days_supply: daysSupply });
const stay = (from: number, to: number, id = `s${from}`): StayInput => ({
  person_id: 'p1', stay_id: id, admission_date: day(INDEX, from), discharge_date: day(INDEX, to),
});
const span = (start: number | string, end: number | null): CoverageInput => ({
  person_id: 'p1', start_date: typeof start === 'string' ? start : day(INDEX, start), end_date: end === null ? null : day(INDEX, end),
});

interface CourseInput {
  events: EventInput[];
  stays?: StayInput[];
  coverage?: CoverageInput[];
  death?: string;
  params?: object;
  person?: { birth_date: string | null };
}

const registered: { name: string; input: CourseInput }[] = [];
const results = new Map<string, Course>();

/**
 * A named fixture: p1's events (and stays, coverage, death) and the check of its course row. Every
 * fixture becomes a person of its own in one rule-pack run per distinct parameter set (so the file
 * stays fast); the check runs on that person's only episode.
 */
function courseTest(name: string, input: CourseInput, check: (course: Course) => void): void {
  registered.push({ name, input });
  test(name, () => {
    const course = results.get(name);
    if (!course) throw new Error(`no single episode for fixture ${name}`);
    check(course);
  });
}

beforeAll(async () => {
  const groups = new Map<string, { personId: string; name: string; input: CourseInput }[]>();
  registered.forEach(({ name, input }, index) => {
    const key = JSON.stringify(input.params ?? { asOf: AS_OF_LATE });
    groups.set(key, [...(groups.get(key) ?? []), { personId: `f${String(index).padStart(3, '0')}`, name, input }]);
  });
  for (const [key, members] of groups) {
    const { exported } = await runFixture({
      persons: members.map(({ personId, input }) => elder(personId, { death_date: input.death ?? null, ...(input.person ?? {}) })),
      events: members.flatMap(({ personId, input }) => [fracture(personId), ...input.events.map((event) => ({ ...event, person_id: personId }))]),
      stays: members.flatMap(({ personId, input }) => (input.stays ?? []).map((row) => ({ ...row, person_id: personId, stay_id: `${personId}-${row.stay_id}` }))),
      coverage: members.flatMap(({ personId, input }) => (input.coverage ?? []).map((row) => ({ ...row, person_id: personId }))),
      params: JSON.parse(key) as object,
    });
    for (const { personId, name } of members) {
      const rows = exported.filter((row) => row.person_id === personId);
      if (rows.length === 1) results.set(name, pick(rows[0]!));
    }
  }
}, 120_000);

function pick(row: Row): Course {
  return Object.fromEntries(courseColumns.map((column) => [column, row[column]])) as Course;
}

/** A course started on day 0 with alendronate, observed for the whole 365-day window. */
const fullYear = {
  course_status: 'complete', therapy_start_date: INDEX, first_ingredient: 'alendronate', ingredients: 'alendronate',
  new_user: true, follow_up_end_date: day(INDEX, 364), censor_reason: null, follow_up_days: 365, outpatient_days: 365,
  switched: false,
};

/** Every course column empty but course_status (not started, or an episode exclusion). */
const empty = (status: string | null): Course => ({
  ...(Object.fromEntries(courseColumns.map((column) => [column, null])) as Course),
  course_status: status,
});

describe('supply: PQA carry-over per ingredient', () => {
  courseTest('early_refills_are_carried_over_covering_90_days_pdc_0_2466', { events: [alendronate(0, 30), alendronate(20, 30), alendronate(40, 30)] }, (course) => {
    // Fills on days 0, 20, 40 of 30 days: outpatient days 1-30, then max(21, 31) = 31-60, then
    // max(41, 61) = 61-90 (days 0-89). Without carry-over only days 0-69 would be covered.
    // Gap 91-365 = 275 days > 60: discontinued on day 90. pdc 90/365 = 0.24657 -> 0.2466.
    expect(course).toEqual({
      ...fullYear, covered_days: 90, pdc: '0.2466', adherent: false,
      discontinued: true, discontinuation_date: day(INDEX, 90), persistence_days: 90,
    });
  });

  courseTest('two_fills_of_one_ingredient_on_one_day_stack_and_a_40_day_gap_does_not_end_the_course', { events: [alendronate(0, 30), alendronate(0, 30), alendronate(100, 30)] }, (course) => {
    // Two 30-day fills on day 0 stack: outpatient days 1-60. A fill on day 100 (number 101): 101-130.
    // Gaps 61-100 (40 days, allowed) and 131-365 (235 > 60): discontinued on day 130, persistence 130.
    // Covered 60 + 30 = 90: pdc 0.2466. (Without stacking the first gap would be 31-100 = 70 days.)
    expect(course).toEqual({
      ...fullYear, covered_days: 90, pdc: '0.2466', adherent: false,
      discontinued: true, discontinuation_date: day(INDEX, 130), persistence_days: 130,
    });
  });

  courseTest('a_switch_while_the_old_supply_runs_keeps_both_chains_covering_120_days', { events: [alendronate(0, 90), risedronate(30, 90)] }, (course) => {
    // Alendronate day 0 x 90 (days 0-89); risedronate day 30 x 90 is a chain of its own: days 30-119
    // (not carried after day 89, which would reach day 179). Union days 0-119 = 120 covered.
    // Gap days 120-364 = 245: discontinued on day 120. pdc 120/365 = 0.32877 -> 0.3288. Switched.
    expect(course).toEqual({
      ...fullYear, ingredients: 'alendronate+risedronate', switched: true, covered_days: 120, pdc: '0.3288', adherent: false,
      discontinued: true, discontinuation_date: day(INDEX, 120), persistence_days: 120,
    });
  });

  courseTest('a_stay_pauses_supply_and_shifts_discontinuation_to_day_75', { events: [alendronate(0, 30), alendronate(45, 30)], stays: [stay(10, 19)] }, (course) => {
    // Stay days 10-19 (10 inpatient days): outpatient days 365 - 10 = 355; day d >= 20 is number d - 9.
    // Fill day 0 x 30: numbers 1-30 = days 0-9 and 20-39. Fill day 45 (number 36) x 30: 36-65 = days
    // 45-74. Gaps 31-35 (5 days) and 66-355 (290): discontinued on day 75 (number 66), persistence 75.
    // Covered 60: pdc 60/355 = 0.16901 -> 0.1690.
    expect(course).toEqual({
      ...fullYear, outpatient_days: 355, covered_days: 60, pdc: '0.1690', adherent: false,
      discontinued: true, discontinuation_date: day(INDEX, 75), persistence_days: 75,
    });
  });

  courseTest('a_fill_dated_inside_a_stay_is_available_on_the_next_outpatient_day', { events: [alendronate(0, 90), alendronate(105, 30)], stays: [stay(100, 109)] }, (course) => {
    // Stay days 100-109: 355 outpatient days; day d >= 110 is number d - 9. Fill day 0 x 90: numbers
    // 1-90 (days 0-89). Fill day 105 (inpatient) becomes available on day 110 = number 101: 101-130
    // (days 110-139). Gaps 91-100 (10 days) and 131-355 (225): discontinued on day 140, persistence 140.
    // Covered 120: pdc 120/355 = 0.33803 -> 0.3380.
    expect(course).toEqual({
      ...fullYear, outpatient_days: 355, covered_days: 120, pdc: '0.3380', adherent: false,
      discontinued: true, discontinuation_date: day(INDEX, 140), persistence_days: 140,
    });
  });

  courseTest('a_start_on_an_inpatient_day_counts_supply_from_the_discharge_day_after', { events: [alendronate(2, 30)], stays: [stay(0, 4)] }, (course) => {
    // Stay days 0-4; the start event on day 2 (inpatient). Follow-up days 2-366 (365 days), of which
    // days 2, 3, 4 are inpatient: 362 outpatient days; day 5 is number 1. Fill x 30: days 5-34.
    // Gap 31-362 = 332: discontinued on day 35, persistence 35 - 2 = 33. pdc 30/362 = 0.08287 -> 0.0829.
    expect(course).toEqual({
      ...fullYear, therapy_start_date: day(INDEX, 2), follow_up_end_date: day(INDEX, 366), outpatient_days: 362,
      covered_days: 30, pdc: '0.0829', adherent: false, discontinued: true, discontinuation_date: day(INDEX, 35), persistence_days: 33,
    });
  });

  courseTest('a_fill_in_a_stay_lasting_past_the_follow_up_end_adds_no_supply_but_its_ingredient_counts', {
      events: [alendronate(0, 90), risedronate(96, 30)], stays: [stay(95, 110)], params: { asOf: day(INDEX, 100) },
    }, (course) => {
    // as_of day 100: follow-up days 0-100. Stay days 95-110: 95 outpatient days (0-94). Alendronate
    // day 0 x 90: days 0-89. Risedronate day 96 (inpatient, no outpatient day left): no supply, but it is
    // dated in the follow-up, so ingredients = alendronate+risedronate and switched. Gap days 90-94 (5).
    // pdc 90/95 = 0.94737 -> 0.9474, adherent. Censored by as_of, persistence 101.
    expect(course).toEqual({
      ...fullYear, course_status: 'censored', censor_reason: 'as_of', follow_up_end_date: day(INDEX, 100), follow_up_days: 101,
      outpatient_days: 95, ingredients: 'alendronate+risedronate', switched: true, covered_days: 90, pdc: '0.9474', adherent: true,
      discontinued: false, discontinuation_date: null, persistence_days: 101,
    });
  });
});

describe('persistence: permissible gap', () => {
  courseTest('a_gap_of_60_outpatient_days_is_allowed_and_the_course_persists', { events: [alendronate(0, 30), alendronate(90, 275)] }, (course) => {
    // Day 0 x 30 (days 0-29), day 90 x 275 (days 90-364): gap days 30-89 = 60, not > 60.
    // Covered 305: pdc 305/365 = 0.83562 -> 0.8356; 305 >= 0.8 x 365 = 292: adherent.
    expect(course).toEqual({
      ...fullYear, covered_days: 305, pdc: '0.8356', adherent: true, discontinued: false, discontinuation_date: null, persistence_days: 365,
    });
  });

  courseTest('a_gap_of_61_outpatient_days_ends_the_course_on_its_first_day_even_when_adherent', { events: [alendronate(0, 30), alendronate(91, 274)] }, (course) => {
    // Day 0 x 30, day 91 x 274 (days 91-364): gap days 30-90 = 61 > 60: discontinued on day 30,
    // persistence 30. Covered 304: pdc 304/365 = 0.83288 -> 0.8329, adherent (304 >= 292).
    expect(course).toEqual({
      ...fullYear, covered_days: 304, pdc: '0.8329', adherent: true, discontinued: true, discontinuation_date: day(INDEX, 30), persistence_days: 30,
    });
  });

  courseTest('permissible_gap_days_61_lets_the_61_day_gap_pass', { events: [alendronate(0, 30), alendronate(91, 274)], params: { asOf: AS_OF_LATE, permissibleGapDays: 61 } }, (course) => {
    expect(course).toMatchObject({ discontinued: false, discontinuation_date: null, persistence_days: 365 });
  });

  courseTest('a_61_day_gap_cut_by_the_follow_up_end_counts_and_ends_the_course', { events: [alendronate(0, 30)], params: { asOf: day(INDEX, 90) } }, (course) => {
    // as_of day 90: follow-up days 0-90 (91 days). Day 0 x 30; gap days 30-90 = 61 days, cut by the
    // follow-up end, counts: discontinued on day 30. pdc 30/91 = 0.32967 -> 0.3297. Censored by as_of.
    expect(course).toEqual({
      ...fullYear, course_status: 'censored', censor_reason: 'as_of', follow_up_end_date: day(INDEX, 90), follow_up_days: 91, outpatient_days: 91,
      covered_days: 30, pdc: '0.3297', adherent: false, discontinued: true, discontinuation_date: day(INDEX, 30), persistence_days: 30,
    });
  });

  courseTest('a_60_day_gap_cut_by_the_follow_up_end_does_not_end_the_course', { events: [alendronate(0, 30)], params: { asOf: day(INDEX, 89) } }, (course) => {
    // as_of day 89: follow-up days 0-89 (90). Gap days 30-89 = 60: persists 90 days. pdc 30/90 = 0.3333.
    expect(course).toMatchObject({
      course_status: 'censored', censor_reason: 'as_of', follow_up_days: 90, covered_days: 30, pdc: '0.3333',
      discontinued: false, discontinuation_date: null, persistence_days: 90,
    });
  });
});

describe('adherence: pdc and its threshold', () => {
  courseTest('covered_292_of_365_is_exactly_0_8_and_adherent', { events: [alendronate(0, 292)] }, (course) => {
    // Day 0 x 292: 292/365 = 0.8 exactly; 292 >= 0.80 x 365 = 292. Gap days 292-364 = 73: discontinued.
    expect(course).toMatchObject({ covered_days: 292, pdc: '0.8000', adherent: true, discontinued: true, persistence_days: 292 });
  });

  courseTest('covered_291_of_365_is_not_adherent', { events: [alendronate(0, 291)] }, (course) => {
    // 291/365 = 0.79726 -> 0.7973; 291 < 292.
    expect(course).toMatchObject({ covered_days: 291, pdc: '0.7973', adherent: false });
  });

  courseTest('adherence_threshold_0_75_makes_291_of_365_adherent', { events: [alendronate(0, 291)], params: { asOf: AS_OF_LATE, adherenceThreshold: 0.75 } }, (course) => {
    // 291 >= 0.75 x 365 = 273.75.
    expect(course).toMatchObject({ pdc: '0.7973', adherent: true });
  });

  courseTest('pdc_13_of_32_is_0_40625_rounded_half_up_to_0_4063', { events: [alendronate(0, 13)], params: { asOf: day(INDEX, 31) } }, (course) => {
    // as_of day 31: 32 follow-up days; day 0 x 13 covers 13. 13/32 = 0.40625 exactly: half up 0.4063
    // (half to even would give 0.4062). Gap days 13-31 = 19: persists.
    expect(course).toMatchObject({ outpatient_days: 32, covered_days: 13, pdc: '0.4063', adherent: false, discontinued: false, persistence_days: 32 });
  });

  courseTest('a_full_year_of_zoledronic_acid_is_pdc_1_0000', { events: [drug(0, 'HCPCS', 'J3489')] }, (course) => {
    // J3489 day 0 covers 365 days: every outpatient day covered.
    expect(course).toEqual({
      ...fullYear, first_ingredient: 'zoledronic acid', ingredients: 'zoledronic acid', covered_days: 365, pdc: '1.0000', adherent: true,
      discontinued: false, discontinuation_date: null, persistence_days: 365,
    });
  });

  courseTest('course_days_180_shortens_the_window', { events: [drug(0, 'HCPCS', 'J3489')], params: { asOf: AS_OF_LATE, courseDays: 180 } }, (course) => {
    // Window days 0-179; J3489 covers all 180 days.
    expect(course).toMatchObject({ course_status: 'complete', follow_up_end_date: day(INDEX, 179), follow_up_days: 180, covered_days: 180, pdc: '1.0000', persistence_days: 180 });
  });
});

describe('censoring: died > disenrolled > as_of', () => {
  const zoledronic = drug(0, 'HCPCS', 'J3489');

  courseTest('death_on_day_200_censors_died_with_201_follow_up_days', { events: [zoledronic], death: day(INDEX, 200) }, (course) => {
    expect(course).toEqual({
      ...fullYear, first_ingredient: 'zoledronic acid', ingredients: 'zoledronic acid', course_status: 'censored', censor_reason: 'died',
      follow_up_end_date: day(INDEX, 200), follow_up_days: 201, outpatient_days: 201, covered_days: 201, pdc: '1.0000', adherent: true,
      discontinued: false, discontinuation_date: null, persistence_days: 201,
    });
  });

  courseTest('death_on_the_last_course_day_leaves_the_course_complete', { events: [zoledronic], death: day(INDEX, 364) }, (course) => {
    // Death on day 364 = start + course_days - 1: nothing ended follow-up before it.
    expect(course).toMatchObject({ course_status: 'complete', censor_reason: null, follow_up_days: 365 });
  });

  courseTest('death_on_the_as_of_day_is_died_not_as_of', { events: [zoledronic], death: day(INDEX, 150), params: { asOf: day(INDEX, 150) } }, (course) => {
    // as_of = death = day 150: both end follow-up that day; died comes first.
    expect(course).toMatchObject({ course_status: 'censored', censor_reason: 'died', follow_up_end_date: day(INDEX, 150), follow_up_days: 151 });
  });

  courseTest('death_after_as_of_is_ignored_and_censors_as_of', { events: [zoledronic], death: day(INDEX, 160), params: { asOf: day(INDEX, 150) } }, (course) => {
    expect(course).toMatchObject({ censor_reason: 'as_of', follow_up_end_date: day(INDEX, 150), follow_up_days: 151 });
  });

  courseTest('as_of_on_day_150_censors_as_of', { events: [zoledronic], params: { asOf: day(INDEX, 150) } }, (course) => {
    expect(course).toMatchObject({ course_status: 'censored', censor_reason: 'as_of', follow_up_end_date: day(INDEX, 150), follow_up_days: 151, pdc: '1.0000' });
  });

  courseTest('a_coverage_gap_of_46_days_disenrolls_the_day_before_it', { events: [zoledronic], coverage: [span('2015-01-01', 99), span(146, null)] }, (course) => {
    // Covered to day 99, again from day 146: uncovered days 100-145 = 46 > 45: follow-up ends day 99.
    expect(course).toMatchObject({
      course_status: 'censored', censor_reason: 'disenrolled', follow_up_end_date: day(INDEX, 99), follow_up_days: 100,
      outpatient_days: 100, covered_days: 100, persistence_days: 100,
    });
  });

  courseTest('a_coverage_gap_of_45_days_does_not_end_follow_up', { events: [zoledronic], coverage: [span('2015-01-01', 99), span(145, null)] }, (course) => {
    // Uncovered days 100-144 = 45: allowed.
    expect(course).toMatchObject({ course_status: 'complete', censor_reason: null, follow_up_days: 365 });
  });

  courseTest('an_uncovered_run_that_began_before_the_start_counts_from_the_start', { events: [zoledronic], coverage: [span('2015-01-01', -20), span(40, null)] }, (course) => {
    // Start on day 0 (fill); coverage to day -20, again from day 40: the run is days -19..39 (59 days)
    // but only days 0-39 = 40 lie in [start, W]: not longer than 45, no disenrollment.
    expect(course).toMatchObject({ course_status: 'complete', censor_reason: null, follow_up_days: 365 });
  });

  courseTest('a_trailing_run_cut_by_as_of_to_45_days_does_not_disenroll', { events: [zoledronic], coverage: [span('2015-01-01', 105)], params: { asOf: day(INDEX, 150) } }, (course) => {
    // as_of day 150, coverage ends day 105: uncovered days 106-150 = 45 inside [start, W]: as_of censors.
    expect(course).toMatchObject({ censor_reason: 'as_of', follow_up_end_date: day(INDEX, 150) });
  });

  courseTest('coverage_ending_before_the_start_disenrolls_from_the_start_day_with_no_follow_up', { events: [zoledronic], coverage: [span('2015-01-01', -10)] }, (course) => {
    // Coverage ends day -10: all of [start, W] (365 days) is uncovered: follow-up ends day -1, before
    // the start: follow_up_days 0, no outpatient day.
    expect(course).toEqual({
      ...empty('no_follow_up'), therapy_start_date: INDEX, first_ingredient: 'zoledronic acid', new_user: true,
      follow_up_end_date: day(INDEX, -1), censor_reason: 'disenrolled', follow_up_days: 0, outpatient_days: 0,
    });
  });

  courseTest('a_death_before_the_start_is_no_follow_up_with_0_follow_up_days', { events: [alendronate(10, 30)], death: day(INDEX, 5) }, (course) => {
    // Death on day 5, first therapy on day 10: W = day 5 < start: follow_up_days 0, censor died.
    expect(course).toEqual({
      ...empty('no_follow_up'), therapy_start_date: day(INDEX, 10), first_ingredient: 'alendronate', new_user: true,
      follow_up_end_date: day(INDEX, 5), censor_reason: 'died', follow_up_days: 0, outpatient_days: 0,
    });
  });
});

describe('start, first ingredient and new users', () => {
  courseTest('J0897_at_120_units_is_ignored_and_the_course_starts_with_alendronate_on_day_50', { events: [drug(10, 'HCPCS', 'J0897', { units: 120 }), alendronate(50, 30)] }, (course) => {
    // J0897 x 120 units on day 10 is the oncology product (§4): not therapy. Start day 50.
    // Follow-up days 50-414; day 50 x 30: gap 30 days later of 335: discontinued day 80, persistence 30.
    expect(course).toEqual({
      ...fullYear, therapy_start_date: day(INDEX, 50), follow_up_end_date: day(INDEX, 414), covered_days: 30, pdc: '0.0822',
      adherent: false, discontinued: true, discontinuation_date: day(INDEX, 80), persistence_days: 30,
    });
  });

  courseTest('therapy_active_at_the_fracture_does_not_start_a_course_nor_carry_supply_into_it', { events: [drug(-100, 'HCPCS', 'J3489'), alendronate(200, 30)] }, (course) => {
    // Zoledronic acid on day -100 covers days -100..264 but is dated before the index: the course
    // starts with alendronate on day 200 and counts only events from then: 30 covered of 365,
    // pdc 0.0822, discontinued day 230. Not a new user: day -100 lies in [200 - 365, 199].
    expect(course).toEqual({
      ...fullYear, therapy_start_date: day(INDEX, 200), new_user: false, follow_up_end_date: day(INDEX, 564), covered_days: 30, pdc: '0.0822',
      adherent: false, discontinued: true, discontinuation_date: day(INDEX, 230), persistence_days: 30,
    });
  });

  courseTest('only_therapy_active_at_the_fracture_is_not_started', { events: [drug(-100, 'HCPCS', 'J3489')] }, (course) => {
    expect(course).toEqual(empty('not_started'));
  });

  courseTest('first_therapy_on_day_366_is_not_started', { events: [alendronate(366, 30)] }, (course) => {
    expect(course).toEqual(empty('not_started'));
  });

  courseTest('first_therapy_after_as_of_is_not_started', { events: [alendronate(100, 30)], params: { asOf: day(INDEX, 99) } }, (course) => {
    expect(course).toEqual(empty('not_started'));
  });

  courseTest('two_ingredients_on_the_start_day_give_the_alphabetically_first', { events: [risedronate(0, 30), alendronate(0, 30)] }, (course) => {
    // Risedronate and alendronate both on day 0: first_ingredient alendronate; both chains cover days 0-29.
    expect(course).toMatchObject({ first_ingredient: 'alendronate', ingredients: 'alendronate+risedronate', switched: true, covered_days: 30 });
  });

  courseTest('a_prior_fill_365_days_before_the_start_is_not_a_new_user', { events: [alendronate(-365, 30), alendronate(0, 30)] }, (course) => {
    // Start day 0; alendronate on day -365 lies in [start - 365, start - 1].
    expect(course).toMatchObject({ therapy_start_date: INDEX, new_user: false });
  });

  courseTest('a_prior_fill_366_days_before_the_start_is_a_new_user', { events: [alendronate(-366, 30), alendronate(0, 30)] }, (course) => {
    expect(course).toMatchObject({ therapy_start_date: INDEX, new_user: true });
  });

  courseTest('an_episode_exclusion_leaves_every_course_column_empty', { events: [alendronate(0, 30)], person: { birth_date: null } }, (course) => {
    expect(course).toEqual(empty(null));
  });
});

describe('long-acting products (§4 v2)', () => {
  courseTest('denosumab_pharmacy_claim_with_days_supply_1_covers_183_days', { events: [drug(0, 'RXNORM', '993449', { days_supply: 1 })] }, (course) => {
    // RxNorm 993449 (cover_days 183) with days_supply 1: covers days 0-182. Gap 183-364 = 182:
    // discontinued on day 183. pdc 183/365 = 0.50137 -> 0.5014.
    expect(course).toEqual({
      ...fullYear, first_ingredient: 'denosumab', ingredients: 'denosumab', covered_days: 183, pdc: '0.5014', adherent: false,
      discontinued: true, discontinuation_date: day(INDEX, 183), persistence_days: 183,
    });
  });

  courseTest('zoledronic_acid_with_days_supply_28_still_covers_365_days', { events: [drug(0, 'RXNORM', '77655', { days_supply: 28 })] }, (course) => {
    expect(course).toMatchObject({ covered_days: 365, pdc: '1.0000', discontinued: false });
  });
});
