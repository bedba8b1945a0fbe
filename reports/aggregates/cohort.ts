/**
 * docs/rules.md §7: an episode is in the complete cohort when its window has closed,
 * index_date + 365 <= as_of; its status is then final. Every other episode is in the in-progress
 * cohort. SQL predicates over patient_gaps with the audit date bound as `$as_of`; fixed text.
 */
export const COMPLETE_COHORT_SQL = `(index_date + 365 <= $as_of::date)`;

/** §7: an index month is complete when its last day + 365 <= as_of (every episode of it is complete). */
export const COMPLETE_MONTH_SQL = `(last_day(index_date) + 365 <= $as_of::date)`;

/** Days of the §7 window that decides the cohort (the rules' 12-month window). */
export const COHORT_WINDOW_DAYS = 365;
