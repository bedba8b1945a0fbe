import { describe, expect, it } from 'vitest';
import type { RawRuleAggregates } from '../../../reports/aggregates/rawAggregates.js';
import { addCourseDisclosure } from '../../../reports/course/courseDisclosure.js';
import type { RawCourseAggregates } from '../../../reports/course/rawCourseAggregates.js';
import { determinedUnknowns } from '../../../reports/disclosure/determinedUnknowns.js';
import { suppressTable } from '../../../reports/disclosure/suppressTable.js';
import { buildDisclosureTable } from '../../../reports/model/buildDisclosureTable.js';
import { buildReportModel } from '../../../reports/model/buildReportModel.js';
import { SAMPLE_RUN } from '../fixtures/sampleRun.js';
import { courseGroup, oneBin, uniformCourses } from './courseFixtures.js';

/** Rule A with 100 judged-or-not episodes and no episode exclusion: 100 episodes are left for the course. */
const RULE_A: RawRuleAggregates = {
  ruleId: 'untreated-12m',
  statusCounts: { open: 30, closed: 50, prospective: 10, excluded: 10, not_applicable: 0 },
  // Every episode in the complete cohort (no in-progress month to add up).
  completeCounts: { open: 30, closed: 50, prospective: 10, excluded: 10, not_applicable: 0 },
  inProgressCounts: { open: 0, closed: 0, prospective: 0, excluded: 0, not_applicable: 0 },
  excludedByReason: [{ reason: 'died', count: 10 }],
  strata: [],
  indexMonths: [],
  inProgressMonths: [],
};

function model(course: RawCourseAggregates, minCell: number, rules: RawRuleAggregates[] = []) {
  return buildReportModel({
    run: SAMPLE_RUN,
    attrition: { qualifyingDiagnoses: 300, personsWithQualifyingDiagnosis: 100, episodes: 100 },
    rules,
    minCell,
    supplementsVisible: true,
    pseudonymized: false,
    course,
  }).therapyCourse!;
}

/** Every small count of the combined table is hidden and cannot be recomputed from all its lines at once. */
function expectNoSmallCountRecoverable(course: RawCourseAggregates, rules: RawRuleAggregates[], minCell: number): void {
  const { table, keys } = buildDisclosureTable(rules, { qualifyingDiagnoses: 300, personsWithQualifyingDiagnosis: 100, episodes: 100 });
  addCourseDisclosure(table, course, keys);
  const hidden = suppressTable(table, minCell);
  const unknown = new Set([...hidden, ...[...table.entries].filter(([, entry]) => !entry.published).map(([key]) => key)]);
  const small = [...table.entries].filter(([, entry]) => entry.value >= 1 && entry.value < minCell).map(([key]) => key);
  expect(small.length).toBeGreaterThan(0);
  const determined = determinedUnknowns(table.lines, unknown);
  expect(small.filter((key) => determined.has(key) || !unknown.has(key))).toEqual([]);
}

describe('buildTherapyCourseReport: small cells at min_cell - 1 and min_cell', () => {
  it('shows 11 complete courses: count, quartiles, adherent 0 and its share; S(90) with 11 at risk', () => {
    const course = model(uniformCourses(11), 11);
    const all = course.groups[0]!;
    expect(all.completeCourses).toBe(11);
    expect(all.pdcQuartiles).toEqual({ q1: 0.5, median: 0.75, q3: 0.9 });
    expect(all.adherent).toBe(0);
    expect(all.adherentShare).not.toBe('suppressed');
    expect((all.adherentShare as { rate: number; upper: number }).rate).toBe(0);
    expect((all.adherentShare as { rate: number; upper: number }).upper).toBeCloseTo(0.2588, 4);
    // Day 90: 11 at risk, nobody discontinued yet. Day 180 and 365: 10 at risk: below min_cell.
    expect(all.persistence).toEqual([
      { day: 90, atRisk: 11, survival: 1 },
      { day: 180, atRisk: 'suppressed', survival: 'suppressed' },
      { day: 365, atRisk: 'suppressed', survival: 'suppressed' },
    ]);
    // The curve: the start, the shown day 90, and the event at day 100 (11 at risk): S = 10/11.
    expect(course.persistenceCurve.map((point) => [point.day, Number(point.survival.toFixed(4))])).toEqual([[0, 1], [90, 1], [100, 0.9091]]);
    expect(course.pdcHistogram[5]!.courses).toBe(11);
    expect(course.pdcHistogram[0]!.courses).toBe(0);
  });

  it('suppresses 10 complete courses: count, quartiles, share, every estimate and the curve; 0 is still shown', () => {
    const course = model(uniformCourses(10), 11);
    const all = course.groups[0]!;
    expect(all.completeCourses).toBe('suppressed');
    expect(all.pdcQuartiles).toBe('suppressed');
    expect(all.adherent).toBe(0);
    expect(all.adherentShare).toBe('suppressed');
    expect(all.persistence.map((estimate) => [estimate.atRisk, estimate.survival])).toEqual([
      ['suppressed', 'suppressed'],
      ['suppressed', 'suppressed'],
      ['suppressed', 'suppressed'],
    ]);
    expect(course.persistenceCurve).toEqual([]);
    expect(course.pdcHistogram[5]!.courses).toBe('suppressed');
    expect(course.statusCounts.censored).toBe(0);
    expect(course.noCourse).toBe(false);
  });

  it('shows everything with min_cell 0 (suppression off)', () => {
    const course = model(uniformCourses(3), 0);
    const all = course.groups[0]!;
    expect(all.completeCourses).toBe(3);
    expect(all.pdcQuartiles).toEqual({ q1: 0.5, median: 0.75, q3: 0.9 });
    expect(all.persistence[1]).toMatchObject({ day: 180, atRisk: 2 });
    expect(all.persistence[1]!.survival).toBeCloseTo(2 / 3, 12);
    expect(course.persistenceCurve.map((point) => point.day)).toEqual([0, 90, 100, 180, 365]);
  });
});

describe('buildTherapyCourseReport: shares, complements and the link with the rules', () => {
  it('gives the adherent share with its 95% Wilson interval: 12 of 25 is 48.0% (30.0-66.5)', () => {
    const persistence = [{ time: 365, events: 0, censored: 25 }];
    const raw: RawCourseAggregates = {
      statusCounts: { not_started: 0, no_follow_up: 0, complete: 25, censored: 0 },
      groups: [courseGroup('all', 'all', 25, 12, persistence), courseGroup('first_ingredient', 'alendronate', 25, 12, persistence), courseGroup('new_user', 'true', 25, 12, persistence)],
      pdcHistogram: [0, 0, 0, 0, 13, 0, 0, 0, 0, 12],
    };
    const share = model(raw, 11).groups[0]!.adherentShare as { rate: number; lower: number; upper: number };
    expect(share.rate).toBe(0.48);
    expect(share.lower).toBeCloseTo(0.3003, 4);
    expect(share.upper).toBeCloseTo(0.665, 4);
  });

  it('hides an ingredient with 5 courses and, as its complement, the other ingredient; the overall survives', () => {
    const big = [{ time: 50, events: 5, censored: 0 }, { time: 365, events: 0, censored: 20 }];
    const tiny = [{ time: 365, events: 0, censored: 5 }];
    const all = [{ time: 50, events: 5, censored: 0 }, { time: 365, events: 0, censored: 25 }];
    const raw: RawCourseAggregates = {
      statusCounts: { not_started: 70, no_follow_up: 0, complete: 30, censored: 0 },
      groups: [
        courseGroup('all', 'all', 30, 15, all),
        courseGroup('first_ingredient', 'alendronate', 25, 12, big),
        courseGroup('first_ingredient', 'zoledronic acid', 5, 3, tiny),
        courseGroup('new_user', 'true', 30, 15, all),
      ],
      pdcHistogram: [0, 0, 0, 0, 15, 0, 0, 0, 0, 15],
    };
    const course = model(raw, 11);
    const [overall, alendronate, zoledronic] = course.groups;
    expect(zoledronic!.completeCourses).toBe('suppressed');
    expect(zoledronic!.pdcQuartiles).toBe('suppressed');
    expect(zoledronic!.adherentShare).toBe('suppressed');
    expect(zoledronic!.persistence.every((estimate) => estimate.survival === 'suppressed')).toBe(true);
    expect(alendronate!.completeCourses).toBe('suppressed');
    expect(overall!.completeCourses).toBe(30);
    expect(overall!.adherentShare).not.toBe('suppressed');
    // 20 alendronate courses at risk on day 90: its estimate stays (1 - 5/25 = 0.8) even though the count beside it is hidden.
    expect(alendronate!.persistence[0]!.survival).toBeCloseTo(0.8, 12);
    expectNoSmallCountRecoverable(raw, [], 11);
  });

  it('ties the course total to the rules\' episodes after exclusions, so 3 not started cannot be recomputed there', () => {
    const persistence = [{ time: 200, events: 37, censored: 0 }, { time: 365, events: 0, censored: 60 }];
    const raw: RawCourseAggregates = {
      statusCounts: { not_started: 3, no_follow_up: 0, complete: 60, censored: 37 },
      groups: [courseGroup('all', 'all', 60, 40, persistence), courseGroup('first_ingredient', 'alendronate', 60, 40, persistence), courseGroup('new_user', 'true', 60, 40, persistence)],
      pdcHistogram: [0, 0, 0, 0, 20, 0, 0, 0, 0, 40],
    };
    const course = model(raw, 11, [RULE_A]);
    expect(course.statusCounts.not_started).toBe('suppressed');
    // 100 episodes are published by rule A's attrition, so the course total or another status must go too.
    expect([course.episodes, course.statusCounts.complete, course.statusCounts.censored]).toContain('suppressed');
    expectNoSmallCountRecoverable(raw, [RULE_A], 11);
  });

  it('hides a pdc bin of 4 and another bin, so the bins cannot give it back from the complete courses or the adherent ones', () => {
    const persistence = [{ time: 365, events: 0, censored: 40 }];
    const raw: RawCourseAggregates = {
      statusCounts: { not_started: 0, no_follow_up: 0, complete: 40, censored: 0 },
      groups: [courseGroup('all', 'all', 40, 24, persistence), courseGroup('first_ingredient', 'alendronate', 40, 24, persistence), courseGroup('new_user', 'true', 40, 24, persistence)],
      pdcHistogram: [0, 0, 0, 0, 0, 16, 0, 0, 4, 20],
    };
    const course = model(raw, 11);
    expect(course.pdcHistogram[8]!.courses).toBe('suppressed');
    expect(course.pdcHistogram.filter((bin) => bin.courses === 'suppressed').length + (course.groups[0]!.adherent === 'suppressed' ? 1 : 0)).toBeGreaterThanOrEqual(2);
    expectNoSmallCountRecoverable(raw, [], 11);
  });

  it('says no course exists when every episode is not_started (claims without drug codes)', () => {
    const raw: RawCourseAggregates = {
      statusCounts: { not_started: 40, no_follow_up: 0, complete: 0, censored: 0 },
      groups: [courseGroup('all', 'all', 0, 0, [])],
      pdcHistogram: oneBin(0, 0),
    };
    const course = model(raw, 11);
    expect(course.noCourse).toBe(true);
    expect(course.statusCounts.not_started).toBe(40);
    expect(course.groups[0]!.pdcQuartiles).toBeNull();
    expect(course.groups[0]!.adherentShare).toBeNull();
    expect(course.groups[0]!.persistence).toEqual([
      { day: 90, atRisk: 0, survival: null },
      { day: 180, atRisk: 0, survival: null },
      { day: 365, atRisk: 0, survival: null },
    ]);
    expect(course.persistenceCurve).toEqual([]);
  });
});
