import type { StratumDimension } from '../aggregates/rawAggregates.js';
import type { TherapyCourseReport } from '../course/therapyCourseReport.js';
import type { Status } from '../ruleCatalog.js';
import type { RunInfo } from '../types.js';
import type { Proportion } from '../wilsonInterval.js';

/** A count as published: the number, or 'suppressed' (docs/rules.md §7). */
export type ShownCount = number | 'suppressed';

/** A rate as published: the proportion with its 95% Wilson interval, 'suppressed', or null (no denominator). */
export type ShownRate = Proportion | 'suppressed' | null;

/** One row of a rate table: a stratum level, an index month or a procedure type. */
export interface RateRow {
  level: string;
  open: ShownCount;
  closed: ShownCount;
  /** open + closed: the gap rate's denominator. */
  judged: ShownCount;
  gapRate: ShownRate;
}

/** One step of a rule's attrition: the episodes it removes and those left after it. */
export interface AttritionStep {
  /** A reason code (excluded), or 'not_applicable' / 'prospective'. */
  step: string;
  label: string;
  removed: ShownCount;
  remaining: ShownCount;
}

/** Rule A's time to therapy: cumulative share treated by day d, and the median days. */
export interface TimeToTherapyReport {
  /** The denominator (open + closed, as the gap rate). */
  judged: ShownCount;
  treatedByDay: Array<{ day: number; treated: ShownCount; share: ShownRate }>;
  medianDays: number | 'suppressed' | null;
}

/** Everything the reports say about one rule, after suppression. */
export interface RuleReport {
  ruleId: string;
  title: string;
  /** Caveats to print next to the rule, e.g. supplements invisible in claims. */
  caveats: string[];
  episodes: ShownCount;
  statusCounts: Record<Status, ShownCount>;
  judged: ShownCount;
  gapRate: ShownRate;
  excludedByReason: Array<{ reason: string; count: ShownCount }>;
  attrition: AttritionStep[];
  strata: Array<{ dimension: StratumDimension; label: string; rows: RateRow[] }>;
  indexMonths: RateRow[];
  /** Centre line of the run chart: median of the shown monthly gap rates; null when none is shown. */
  indexMonthMedianRate: number | null;
  timeToTherapy?: TimeToTherapyReport;
  /** Rule C: rows vertebroplasty, kyphoplasty, unspecified. */
  augmentation?: RateRow[];
}

/** One open or prospective gap for the worklist (patient-level: only with --worklist). */
export interface WorklistRow {
  personId: string;
  ruleId: string;
  status: string;
  reason: string;
  dueDate: string | null;
}

/** Disclosure control as applied to this report. */
export interface DisclosureInfo {
  minCell: number;
  enabled: boolean;
  /** One sentence for readers: what was suppressed and how, or that nothing was. */
  note: string;
}

/** Everything every report format prints: typed, suppressed, free of patient-level values unless worklist. */
export interface ReportModel {
  run: RunInfo;
  disclosure: DisclosureInfo;
  /** True when person ids were replaced by keyed hashes before the reports were written. */
  pseudonymized: boolean;
  attrition: {
    qualifyingDiagnoses: ShownCount;
    personsWithQualifyingDiagnosis: ShownCount;
    episodes: ShownCount;
  };
  rules: RuleReport[];
  /** Present only when the run asked for --worklist. */
  worklist?: WorklistRow[];
  /** The therapy course aggregates (docs/rules.md §8); present only when the run made an episode_course table. */
  therapyCourse?: TherapyCourseReport;
}
