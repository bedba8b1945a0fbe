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

/** One level of a stratum. */
export interface StratumCounts extends JudgedCounts {
  dimension: StratumDimension;
  level: string;
}

/** Episodes of one index month (YYYY-MM). */
export interface MonthCounts extends JudgedCounts {
  month: string;
}

/** Rule A: closed episodes by days from fracture to therapy (negative days = therapy active at fracture). */
export interface TimeToTherapyCounts {
  /** Closed episodes whose therapy started by day d (days_to_event <= d), for d = 30, 90, 180, 365. */
  treatedByDay: Array<{ day: number; treated: number }>;
  /** Median of max(days_to_event, 0) over closed episodes; null when none. */
  medianDays: number | null;
}

/** Rule C: open and closed episodes by augmentation procedure type. */
export interface AugmentationCounts extends JudgedCounts {
  procedureType: ProcedureType;
}

/** Everything read from patient_gaps for one rule, before any suppression. */
export interface RawRuleAggregates {
  ruleId: string;
  statusCounts: Record<Status, number>;
  /** Excluded episodes by reason, sorted by reason. */
  excludedByReason: Array<{ reason: string; count: number }>;
  strata: StratumCounts[];
  indexMonths: MonthCounts[];
  timeToTherapy?: TimeToTherapyCounts;
  augmentation?: AugmentationCounts[];
}
