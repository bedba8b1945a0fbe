/** Dates that tell a reader where the complete cohort ends (docs/rules.md §7). */
export interface CohortDates {
  /** The latest index date of the complete cohort: as_of - 365 days. */
  completeIndexDateThrough: string;
  /** The latest complete index month (YYYY-MM): the last month whose last day + 365 <= as_of. */
  lastCompleteMonth: string;
}

/** The complete cohort's last index date and last complete month for an as-of date (YYYY-MM-DD). */
export function cohortDates(asOf: string): CohortDates {
  const through = new Date(`${asOf}T00:00:00Z`);
  through.setUTCDate(through.getUTCDate() - 365);
  const completeIndexDateThrough = through.toISOString().slice(0, 10);
  // The month of `through` is complete only when `through` is its last day.
  const nextDay = new Date(through);
  nextDay.setUTCDate(nextDay.getUTCDate() + 1);
  const lastMonth = nextDay.getUTCDate() === 1 ? through : new Date(Date.UTC(through.getUTCFullYear(), through.getUTCMonth(), 0));
  return { completeIndexDateThrough, lastCompleteMonth: lastMonth.toISOString().slice(0, 7) };
}
