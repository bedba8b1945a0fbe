import type { StratumDimension } from '../aggregates/rawAggregates.js';
import type { TherapyCourseReport } from '../course/therapyCourseReport.js';
import type { Status } from '../ruleCatalog.js';
import type { SpcReport } from '../spc/buildSpcReport.js';
import type { CohortDates } from './cohortDates.js';
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

/** Cumulative share treated by a day since the fracture. */
export interface TreatedByDay {
  day: number;
  treated: ShownCount;
  share: ShownRate;
}

/** Rule A's time to therapy over the complete cohort: cumulative share treated by day d, and the median days. */
export interface TimeToTherapyReport {
  /** The denominator (complete cohort open + closed, as the gap rate). */
  judged: ShownCount;
  /** Days 30, 90, 180 and 365. */
  treatedByDay: TreatedByDay[];
  /**
   * The whole cumulative curve: every day where the count changes, coarsened so that each step
   * holds at least min_cell episodes (docs/rules.md §7); includes the treatedByDay days.
   */
  curve: TreatedByDay[];
  medianDays: number | 'suppressed' | null;
}

/** Episodes of one cohort (docs/rules.md §7) by status. */
export interface CohortReport {
  episodes: ShownCount;
  statusCounts: Record<Status, ShownCount>;
  /** open + closed. */
  judged: ShownCount;
}

/** In-progress episodes of one incomplete index month, by status: counts only, never a rate (§7). */
export interface InProgressMonthRow {
  month: string;
  counts: Record<Status, ShownCount>;
  total: ShownCount;
}

/** Rules A and B: the actionable gaps (open and prospective rows, worklist.csv's rows) of one site. */
export interface ActionableSiteRow {
  site: string;
  open: ShownCount;
  prospective: ShownCount;
  total: ShownCount;
}

/** Everything the reports say about one rule, after suppression. */
export interface RuleReport {
  ruleId: string;
  title: string;
  /** Caveats to print next to the rule, e.g. supplements invisible in claims. */
  caveats: string[];
  /** All episodes. */
  episodes: ShownCount;
  /** All episodes by status. */
  statusCounts: Record<Status, ShownCount>;
  /** The complete cohort (index_date + 365 <= as_of): the cohort of every rate. */
  complete: CohortReport;
  /** The in-progress cohort: counts only. */
  inProgress: CohortReport;
  /** Complete cohort open + closed: the gap rate's denominator. */
  judged: ShownCount;
  /** Complete cohort open / (open + closed) with its 95% Wilson interval (docs/rules.md §7). */
  gapRate: ShownRate;
  excludedByReason: Array<{ reason: string; count: ShownCount }>;
  attrition: AttritionStep[];
  /** Complete cohort. */
  strata: Array<{ dimension: StratumDimension; label: string; rows: RateRow[] }>;
  /** Complete index months only (§7). */
  indexMonths: RateRow[];
  /** Incomplete index months: the in-progress cohort's counts. */
  inProgressMonths: InProgressMonthRow[];
  /** The p-chart of the complete months (docs/rules.md §9). */
  spc: SpcReport;
  /** Present when most months are suppressed: complete quarters (YYYY-Qn) and their p-chart. */
  quarters?: { rows: RateRow[]; spc: SpcReport };
  timeToTherapy?: TimeToTherapyReport;
  /** Rule C: rows vertebroplasty, kyphoplasty, unspecified (complete cohort). */
  augmentation?: RateRow[];
  /** Rules A and B: open and prospective rows by site, and their total (all sites). */
  actionableBySite?: { rows: ActionableSiteRow[]; total: ShownCount };
}

/** Which patient-level files the run wrote beside the reports (the reports only point to them). */
export interface WorklistFiles {
  /** worklist.csv (--worklist). */
  csv: boolean;
  /** worklists/<site>.csv (--worklist-by-site). */
  bySite: boolean;
}

/** Disclosure control as applied to this report. */
export interface DisclosureInfo {
  minCell: number;
  enabled: boolean;
  /** One sentence for readers: what was suppressed and how, or that nothing was. */
  note: string;
}

/** Everything every report format prints: typed, suppressed, free of patient-level values. */
export interface ReportModel {
  run: RunInfo;
  /** Where the complete cohort of every rate ends (docs/rules.md §7). */
  cohorts: CohortDates;
  disclosure: DisclosureInfo;
  /** True when person ids were replaced by keyed hashes before the reports were written. */
  pseudonymized: boolean;
  attrition: {
    qualifyingDiagnoses: ShownCount;
    personsWithQualifyingDiagnosis: ShownCount;
    episodes: ShownCount;
  };
  rules: RuleReport[];
  /** The patient-level worklist files written beside the reports. */
  worklistFiles: WorklistFiles;
  /** The therapy course aggregates (docs/rules.md §8); present only when the run made an episode_course table. */
  therapyCourse?: TherapyCourseReport;
}
