import type { ShownCount, ShownRate } from '../model/reportModel.js';
import type { CourseKeys } from './courseDisclosure.js';
import { kaplanMeier, survivalAt } from './kaplanMeier.js';
import { COURSE_STATUSES, PDC_BINS, PERSISTENCE_DAYS, type CourseStatus, type RawCourseAggregates, type RawCourseGroup } from './rawCourseAggregates.js';
import type { CourseGroupReport, TherapyCourseReport } from './therapyCourseReport.js';

/** How buildTherapyCourseReport reads the report's suppressed counts (the closures of buildReportModel). */
export interface CourseSuppression {
  /** A count as published, by disclosure key. */
  count: (key: string) => ShownCount;
  /** A share with its Wilson interval, suppressed when its numerator or denominator is. */
  rate: (numeratorKey: string, denominatorKey: string) => ShownRate;
  /** docs/rules.md §7 min_cell; <= 1 means suppression is off. */
  minCell: number;
}

/**
 * The therapy-course section of the report model (docs/rules.md §8 aggregates, §7 small cells), from
 * the raw aggregates and the suppressed counts. On top of the counts' suppression: pdc quartiles are
 * hidden when fewer than min_cell complete courses (or their count is hidden); a Kaplan-Meier estimate
 * is hidden when fewer than min_cell courses are at risk on its day; the curve keeps only the event
 * times with at least min_cell at risk. Pure.
 */
export function buildTherapyCourseReport(course: RawCourseAggregates, keys: CourseKeys, suppression: CourseSuppression): TherapyCourseReport {
  const { count, rate, minCell } = suppression;
  const enabled = minCell > 1;
  const small = (value: number): boolean => enabled && value < minCell;
  const groups: CourseGroupReport[] = course.groups.map((group) => {
    const completeCourses = count(keys.complete(group));
    const steps = kaplanMeier(group.persistence);
    return {
      dimension: group.dimension,
      level: group.level,
      label: groupLabel(group),
      completeCourses,
      pdcQuartiles: group.pdcQuartiles === null || group.complete === 0 ? null : completeCourses === 'suppressed' || small(group.complete) ? 'suppressed' : { ...group.pdcQuartiles },
      adherent: count(keys.adherent(group)),
      adherentShare: rate(keys.adherent(group), keys.complete(group)),
      coursesWithFollowUp: count(keys.withFollowUp(group)),
      persistence: PERSISTENCE_DAYS.map((day) => {
        const estimate = survivalAt(steps, day);
        return {
          day,
          atRisk: count(keys.atRisk(group, day)),
          survival: group.withFollowUp === 0 ? null : small(estimate.atRisk) ? 'suppressed' : estimate.survival,
        };
      }),
    };
  });
  const overall = course.groups.find((group) => group.dimension === 'all');
  const started = course.statusCounts.no_follow_up + course.statusCounts.complete + course.statusCounts.censored;
  return {
    episodes: count(keys.episodes),
    statusCounts: Object.fromEntries(COURSE_STATUSES.map((status) => [status, count(keys.status(status))])) as Record<CourseStatus, ShownCount>,
    noCourse: started === 0,
    groups,
    pdcHistogram: course.pdcHistogram.map((_, bin) => ({ from: bin / PDC_BINS, to: (bin + 1) / PDC_BINS, courses: count(keys.pdcBin(bin)) })),
    persistenceCurve: overall ? persistenceCurve(overall, groups.find((group) => group.dimension === 'all')!, small) : [],
  };
}

/**
 * The overall step curve from what may be shown: (0, 1), S at every event time with enough courses at
 * risk (risk sets only shrink, so this is a prefix of the event times), and the shown day estimates.
 */
function persistenceCurve(raw: RawCourseGroup, shown: CourseGroupReport, small: (value: number) => boolean): Array<{ day: number; survival: number }> {
  const total = raw.persistence.reduce((sum, row) => sum + row.events + row.censored, 0);
  if (total === 0 || small(total)) return [];
  const points = new Map<number, number>([[0, 1]]);
  for (const step of kaplanMeier(raw.persistence)) {
    if (step.events > 0 && !small(step.atRisk)) points.set(step.time, step.survival);
  }
  for (const estimate of shown.persistence) {
    if (typeof estimate.survival === 'number') points.set(estimate.day, estimate.survival);
  }
  return [...points].sort((a, b) => a[0] - b[0]).map(([day, survival]) => ({ day, survival }));
}

/** Reader-facing name of a course group. */
export function groupLabel(group: Pick<RawCourseGroup, 'dimension' | 'level'>): string {
  if (group.dimension === 'all') return 'All courses';
  if (group.dimension === 'new_user') {
    if (group.level === 'true') return 'New users';
    if (group.level === 'false') return 'Prior users';
    return `new_user ${group.level}`;
  }
  return group.level;
}
