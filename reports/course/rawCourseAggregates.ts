/** The four values of course_status (docs/rules.md §8). */
export const COURSE_STATUSES = ['not_started', 'no_follow_up', 'complete', 'censored'] as const;

/** One course_status value. */
export type CourseStatus = (typeof COURSE_STATUSES)[number];

/** Days at which persistence is reported (docs/rules.md §8). */
export const PERSISTENCE_DAYS = [90, 180, 365] as const;

/** Number of pdc histogram bins: [0, 0.1), [0.1, 0.2), ..., [0.9, 1.0]. */
export const PDC_BINS = 10;

/** Groups the course aggregates are reported by, in report order ('all' is every course). */
export const COURSE_DIMENSIONS = ['all', 'first_ingredient', 'new_user'] as const;

/** One of the course groupings. */
export type CourseDimension = (typeof COURSE_DIMENSIONS)[number];

/** Courses that left the Kaplan-Meier risk set at one persistence_days value. */
export interface PersistenceTime {
  /** persistence_days. */
  time: number;
  /** Courses discontinued at this time (the event). */
  events: number;
  /** Courses not discontinued whose persistence_days is this time (censored). */
  censored: number;
}

/** Counts of one group (overall, one first_ingredient, new users or not), before suppression. */
export interface RawCourseGroup {
  dimension: CourseDimension;
  /** 'all'; the ingredient; 'true' / 'false' for new_user; '(missing)' when the column is empty. */
  level: string;
  /** Complete courses (course_status = 'complete'). */
  complete: number;
  /** Complete courses that are adherent. */
  adherent: number;
  /** Quartiles of pdc over the complete courses (DuckDB quantile_cont); null when none. */
  pdcQuartiles: { q1: number; median: number; q3: number } | null;
  /** Started courses with follow-up (complete or censored): the Kaplan-Meier population. */
  withFollowUp: number;
  /** The Kaplan-Meier input: one row per distinct persistence_days, in time order. */
  persistence: PersistenceTime[];
}

/** Everything read from the episode_course table, before any suppression. */
export interface RawCourseAggregates {
  /** Episodes by course_status (episodes with an empty course_status are not counted). */
  statusCounts: Record<CourseStatus, number>;
  /** Overall first, then each first_ingredient (sorted), then new_user true, false. */
  groups: RawCourseGroup[];
  /** Complete courses by pdc bin, PDC_BINS entries (bin i holds i/10 <= covered/outpatient < (i+1)/10; 1.0 in the last). */
  pdcHistogram: number[];
}
