import type { CourseGroupReport, PdcQuartiles, TherapyCourseReport } from '../course/therapyCourseReport.js';
import type { CourseStatus } from '../course/rawCourseAggregates.js';
import { SUPPRESSED_MARK, formatCount, formatPercent, formatRate } from './format.js';

/** Plain words for the case where no episode started a course. */
export const NO_COURSE_TEXT =
  'No therapy course: no episode has an osteoporosis therapy event dated from its index date to 365 days after it ' +
  '(or to the audit date), so there is no adherence or persistence to report. Claims without pharmacy or drug codes, ' +
  'for example, show no course.';

/** What the section measures and how, in one paragraph for both text formats. */
export const COURSE_INTRO =
  'Research measures of docs/rules.md §8, not gap rules. Adherence: proportion of days covered (PDC) over complete ' +
  'courses (the whole course window observed); quartiles by linear interpolation (DuckDB quantile_cont, Hyndman-Fan type 7). ' +
  'Persistence: Kaplan-Meier over every started course with follow-up (complete or censored; event = discontinued at ' +
  'persistence_days, otherwise censored there); at risk on day t = courses with persistence_days >= t, and a discontinuation ' +
  'on day t counts in S(t). Estimates with fewer than min_cell courses at risk, and quartiles or shares of fewer than ' +
  'min_cell courses, are suppressed.';

/** Reader-facing name of each course status. */
export const COURSE_STATUS_LABELS: Record<CourseStatus, string> = {
  not_started: 'No therapy started (not_started)',
  no_follow_up: 'Started, no outpatient follow-up day (no_follow_up)',
  complete: 'Complete course window observed (complete)',
  censored: 'Follow-up ended early: death, disenrollment or audit date (censored)',
};

/** The group column: "All courses", "First ingredient: alendronate", "New users". */
export function courseGroupName(group: CourseGroupReport): string {
  return group.dimension === 'first_ingredient' ? `First ingredient: ${group.label}` : group.label;
}

/** Median (Q1-Q3) of pdc with 4 decimals, the suppressed mark, or n/a. */
export function formatQuartiles(quartiles: PdcQuartiles | 'suppressed' | null): string {
  if (quartiles === null) return 'n/a';
  if (quartiles === 'suppressed') return SUPPRESSED_MARK;
  return `${quartiles.median.toFixed(4)} (${quartiles.q1.toFixed(4)}-${quartiles.q3.toFixed(4)})`;
}

/** A Kaplan-Meier estimate as a percentage, the suppressed mark, or n/a. */
export function formatSurvival(survival: number | 'suppressed' | null): string {
  if (survival === null) return 'n/a';
  if (survival === 'suppressed') return SUPPRESSED_MARK;
  return formatPercent(survival);
}

/** Rows of the course tables, shared by Markdown and HTML so both say the same. */
export function courseTables(course: TherapyCourseReport): {
  status: { header: string[]; rows: string[][] };
  adherence: { header: string[]; rows: string[][] };
  persistence: { header: string[]; rows: string[][] };
  histogram: { header: string[]; rows: string[][] };
} {
  const days = course.groups[0]?.persistence.map((estimate) => estimate.day) ?? [];
  return {
    status: {
      header: ['Course status', 'Episodes'],
      rows: [
        ...(Object.keys(COURSE_STATUS_LABELS) as CourseStatus[]).map((status) => [COURSE_STATUS_LABELS[status], formatCount(course.statusCounts[status])]),
        ['Episodes without an episode exclusion', formatCount(course.episodes)],
      ],
    },
    adherence: {
      header: ['Group', 'Complete courses', 'PDC median (Q1-Q3)', 'Adherent', 'Adherent share (95% CI)'],
      rows: course.groups.map((group) => [
        courseGroupName(group),
        formatCount(group.completeCourses),
        formatQuartiles(group.pdcQuartiles),
        formatCount(group.adherent),
        formatRate(group.adherentShare),
      ]),
    },
    persistence: {
      header: ['Group', 'Courses with follow-up', ...days.flatMap((day) => [`Persistent at day ${day}`, `At risk day ${day}`])],
      rows: course.groups.map((group) => [
        courseGroupName(group),
        formatCount(group.coursesWithFollowUp),
        ...group.persistence.flatMap((estimate) => [formatSurvival(estimate.survival), formatCount(estimate.atRisk)]),
      ]),
    },
    histogram: {
      header: ['PDC', 'Complete courses'],
      rows: course.pdcHistogram.map((bin, index) => [
        `${bin.from.toFixed(1)} to ${index === course.pdcHistogram.length - 1 ? `${bin.to.toFixed(1)} (inclusive)` : `< ${bin.to.toFixed(1)}`}`,
        formatCount(bin.courses),
      ]),
    },
  };
}
