import { PDC_BINS, type CourseDimension, type PersistenceTime, type RawCourseAggregates, type RawCourseGroup } from '../../../reports/course/rawCourseAggregates.js';

/** One group of raw course counts; courses with follow-up are the sum of the persistence rows. */
export function courseGroup(
  dimension: CourseDimension,
  level: string,
  complete: number,
  adherent: number,
  persistence: PersistenceTime[],
  pdcQuartiles: RawCourseGroup['pdcQuartiles'] = complete > 0 ? { q1: 0.5, median: 0.75, q3: 0.9 } : null,
): RawCourseGroup {
  const withFollowUp = persistence.reduce((sum, row) => sum + row.events + row.censored, 0);
  return { dimension, level, complete, adherent, pdcQuartiles, withFollowUp, persistence };
}

/** A histogram with `courses` in one bin. */
export function oneBin(bin: number, courses: number): number[] {
  return Array.from({ length: PDC_BINS }, (_, index) => (index === bin ? courses : 0));
}

/**
 * n complete courses, all alendronate and new users, none adherent (pdc in bin 0.5-0.6): one
 * discontinued at day 100, the other n - 1 persistent to day 365 (censored there).
 */
export function uniformCourses(n: number): RawCourseAggregates {
  const persistence = [{ time: 100, events: 1, censored: 0 }, { time: 365, events: 0, censored: n - 1 }];
  return {
    statusCounts: { not_started: 0, no_follow_up: 0, complete: n, censored: 0 },
    groups: [
      courseGroup('all', 'all', n, 0, persistence),
      courseGroup('first_ingredient', 'alendronate', n, 0, persistence),
      courseGroup('new_user', 'true', n, 0, persistence),
    ],
    pdcHistogram: oneBin(5, n),
  };
}
