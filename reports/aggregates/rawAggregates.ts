import type { ProcedureType } from '../types.js';
import type { Status } from '../ruleCatalog.js';

/** Strata dimensions of docs/rules.md §7, in report order. */
export const STRATUM_DIMENSIONS = ['age_band', 'sex', 'fracture_level', 'site', 'payer'] as const;

/** One of the §7 strata dimensions. */
export type StratumDimension = (typeof STRATUM_DIMENSIONS)[number];

/** Open and closed counts of one group of episodes: what a gap rate needs. */
export interface JudgedCounts {
  open: number;
  closed: number;
}

/** One level of a stratum (complete cohort). */
export interface StratumCounts extends JudgedCounts {
  dimension: StratumDimension;
  level: string;
}

/** Episodes of one complete index month (YYYY-MM). */
export interface MonthCounts extends JudgedCounts {
  month: string;
}

/** In-progress episodes of one incomplete index month (YYYY-MM), by status. */
export interface InProgressMonthCounts {
  month: string;
  counts: Record<Status, number>;
}

/** Rule A over the complete cohort: closed episodes by day of therapy start (negative days count as day 0). */
export interface TimeToTherapyCounts {
  /** Closed episodes (complete cohort) per day max(days_to_event, 0), ascending; days without one are left out. */
  treatedOnDay: Array<{ day: number; treated: number }>;
  /** Median of max(days_to_event, 0) over those episodes; null when none. */
  medianDays: number | null;
}

/** Rule C (complete cohort): open and closed episodes by augmentation procedure type. */
export interface AugmentationCounts extends JudgedCounts {
  procedureType: ProcedureType;
}

/** Rules A and B: open and prospective rows of one site (the actionable gaps, worklist.csv's rows). */
export interface ActionableSiteCounts {
  site: string;
  open: number;
  prospective: number;
}

/** Everything read from patient_gaps for one rule, before any suppression. */
export interface RawRuleAggregates {
  ruleId: string;
  /** All episodes by status. */
  statusCounts: Record<Status, number>;
  /** docs/rules.md §7 complete cohort (index_date + 365 <= as_of) by status: the rates' cohort. */
  completeCounts: Record<Status, number>;
  /** The in-progress cohort by status: shown as counts, never in a rate. */
  inProgressCounts: Record<Status, number>;
  /** Excluded episodes (all) by reason, sorted by reason. */
  excludedByReason: Array<{ reason: string; count: number }>;
  /** Complete cohort. */
  strata: StratumCounts[];
  /** Complete months only, every month from the rule's first index month to its last complete one. */
  indexMonths: MonthCounts[];
  /** In-progress episodes by incomplete index month, every month from the first incomplete one to the last index month. */
  inProgressMonths: InProgressMonthCounts[];
  timeToTherapy?: TimeToTherapyCounts;
  augmentation?: AugmentationCounts[];
  /** Rules A and B only (docs/contracts.md worklist): open and prospective rows per site. */
  actionableBySite?: ActionableSiteCounts[];
}
