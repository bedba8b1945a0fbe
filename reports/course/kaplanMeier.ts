import type { PersistenceTime } from './rawCourseAggregates.js';

/** The Kaplan-Meier estimate just after one distinct time. */
export interface KaplanMeierStep {
  time: number;
  /** Courses still at risk at `time`: those whose time is >= `time`. */
  atRisk: number;
  events: number;
  censored: number;
  /** S(time): the product of (1 - events / atRisk) over every time up to and including this one. */
  survival: number;
}

/** S(t) at one chosen day, with the number at risk on that day. */
export interface SurvivalAt {
  day: number;
  /** Courses whose time is >= day. */
  atRisk: number;
  /** S(day); null when no course exists, or when day lies past the last time and S never reached 0. */
  survival: number | null;
}

/**
 * Kaplan-Meier product-limit estimate from counts grouped by distinct time (never per-patient rows:
 * the caller aggregates in SQL first). Conventions (docs/reports.md, therapy course):
 * - at risk at t = courses whose time is >= t, so a course censored at t is still at risk at t
 *   (events are taken to happen before censorings at a tie);
 * - an event at exactly t lowers S(t) itself (S is right-continuous).
 * Rows may come in any order, but each time at most once; counts must be non-negative integers.
 */
export function kaplanMeier(times: readonly PersistenceTime[]): KaplanMeierStep[] {
  const sorted = [...times].sort((a, b) => a.time - b.time);
  for (let index = 1; index < sorted.length; index++) {
    if (sorted[index]!.time === sorted[index - 1]!.time) throw new Error(`kaplanMeier: time ${sorted[index]!.time} given twice`);
  }
  let atRisk = sorted.reduce((sum, row) => sum + row.events + row.censored, 0);
  let survival = 1;
  const steps: KaplanMeierStep[] = [];
  for (const row of sorted) {
    if (row.events < 0 || row.censored < 0) throw new RangeError(`kaplanMeier: negative count at time ${row.time}`);
    if (row.events > 0) survival *= 1 - row.events / atRisk;
    steps.push({ time: row.time, atRisk, events: row.events, censored: row.censored, survival });
    atRisk -= row.events + row.censored;
  }
  return steps;
}

/**
 * S(day) and the number at risk on `day`, read off the steps of kaplanMeier: S is the survival of
 * the last step with time <= day (1 before the first). Past the last observed time S is only
 * known when it already reached 0 (every course had the event); otherwise it is null.
 */
export function survivalAt(steps: readonly KaplanMeierStep[], day: number): SurvivalAt {
  const total = steps.reduce((sum, step) => sum + step.events + step.censored, 0);
  if (total === 0) return { day, atRisk: 0, survival: null };
  let survival = 1;
  let left = 0;
  for (const step of steps) {
    if (step.time > day) break;
    survival = step.survival;
    // A course whose time is exactly `day` is still at risk on that day.
    if (step.time < day) left += step.events + step.censored;
  }
  const atRisk = total - left;
  return { day, atRisk, survival: atRisk > 0 || survival === 0 ? survival : null };
}
