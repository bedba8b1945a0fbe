import type { ShownCount, ShownRate } from '../model/reportModel.js';
import type { CourseDimension, CourseStatus } from './rawCourseAggregates.js';

/** Quartiles of pdc (DuckDB quantile_cont: Hyndman-Fan type 7). */
export interface PdcQuartiles {
  q1: number;
  median: number;
  q3: number;
}

/** Kaplan-Meier persistence on one day, as published. */
export interface PersistenceEstimate {
  day: number;
  /** Courses whose persistence_days is >= day. */
  atRisk: ShownCount;
  /** S(day); 'suppressed' when fewer than min_cell are at risk; null when there is no estimate. */
  survival: number | 'suppressed' | null;
}

/** The course aggregates of one group: overall, one first_ingredient, new users or prior users. */
export interface CourseGroupReport {
  dimension: CourseDimension;
  /** 'all'; the ingredient; 'true' / 'false' for new_user; '(missing)'. */
  level: string;
  /** Reader-facing name of the group. */
  label: string;
  completeCourses: ShownCount;
  /** Over complete courses; 'suppressed' when fewer than min_cell (or their count is hidden); null when none. */
  pdcQuartiles: PdcQuartiles | 'suppressed' | null;
  adherent: ShownCount;
  /** adherent / complete courses with its 95% Wilson interval. */
  adherentShare: ShownRate;
  /** Complete and censored courses: the Kaplan-Meier population. */
  coursesWithFollowUp: ShownCount;
  /** At days 90, 180 and 365. */
  persistence: PersistenceEstimate[];
}

/** Everything the reports say about the therapy course (docs/rules.md §8), after suppression. */
export interface TherapyCourseReport {
  /** Episodes with a course (every episode without an episode exclusion). */
  episodes: ShownCount;
  statusCounts: Record<CourseStatus, ShownCount>;
  /** True when no episode started a course (e.g. claims without drug codes): the reports say so plainly. */
  noCourse: boolean;
  groups: CourseGroupReport[];
  /** Complete courses by pdc bin [from, to) (the last bin includes 1.0). */
  pdcHistogram: Array<{ from: number; to: number; courses: ShownCount }>;
  /**
   * The overall Kaplan-Meier step curve: (0, 1), then S at each event time while at least min_cell
   * courses are at risk, and the shown estimates of `persistence`. Empty when nothing can be shown.
   */
  persistenceCurve: Array<{ day: number; survival: number }>;
}
