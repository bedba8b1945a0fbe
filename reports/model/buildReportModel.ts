import type { JudgedCounts, RawRuleAggregates } from '../aggregates/rawAggregates.js';
import { buildTherapyCourseReport } from '../course/buildTherapyCourseReport.js';
import { addCourseDisclosure } from '../course/courseDisclosure.js';
import type { RawCourseAggregates } from '../course/rawCourseAggregates.js';
import { suppressTable } from '../disclosure/suppressTable.js';
import { STATUSES, TREATED_BY_DAYS, ruleTitle, type Status } from '../ruleCatalog.js';
import { buildSpcReport } from '../spc/buildSpcReport.js';
import { quarterCounts, type QuarterCounts } from '../spc/quarterCounts.js';
import type { AttritionInput, RunInfo } from '../types.js';
import { wilsonInterval } from '../wilsonInterval.js';
import { cohortDates } from './cohortDates.js';
import { attritionReasons, buildDisclosureTable, type Cohort, type ReportDisclosure } from './buildDisclosureTable.js';
import { DIMENSION_LABELS, SUPPLEMENTS_CAVEAT, stepLabel } from './labels.js';
import type { CohortReport, RateRow, ReportModel, RuleReport, ShownCount, ShownRate, TreatedByDay, WorklistFiles } from './reportModel.js';

/** What buildReportModel needs besides the aggregates. */
export interface ReportModelInput {
  run: RunInfo;
  attrition: AttritionInput;
  rules: readonly RawRuleAggregates[];
  /** docs/rules.md §7 min_cell; 0 (or 1) turns suppression off. */
  minCell: number;
  /** False for claims-only inputs: rule B gets the over-the-counter caveat (§5). */
  supplementsVisible: boolean;
  pseudonymized: boolean;
  /** Run warnings (manifest.json `warnings`) printed as caveats next to the rules they name. */
  ruleWarnings?: ReadonlyArray<{ message: string; rules: readonly string[] }>;
  /** The therapy course aggregates (docs/rules.md §8), only when the run made an episode_course table. */
  course?: RawCourseAggregates;
  /** Patient-level worklist files the run writes beside the reports (default: none). */
  worklistFiles?: WorklistFiles;
}

/**
 * Turns raw aggregates into what every report prints: suppression applied once to every count
 * (docs/rules.md §7), rates over the complete cohort with Wilson intervals computed from the true
 * counts and suppressed when their numerator or denominator is, the index-month p-chart with its
 * special causes (§9), caveats attached. When most of a rule's months are suppressed, its complete
 * quarters are added and suppression runs again over everything (so months and quarters cannot
 * be subtracted from each other). Pure: no database, no clock.
 */
export function buildReportModel(input: ReportModelInput): ReportModel {
  let disclosure = buildDisclosureTable(input.rules, input.attrition, { minCell: input.minCell });
  let model = modelOf(input, disclosure);
  const quarters = new Map<string, QuarterCounts[]>();
  for (const rule of model.rules) {
    const raw = input.rules.find((candidate) => candidate.ruleId === rule.ruleId)!;
    if (rule.spc.mostSuppressed) quarters.set(rule.ruleId, quarterCounts(raw.indexMonths, input.run.asOf));
  }
  if (quarters.size > 0) {
    disclosure = buildDisclosureTable(input.rules, input.attrition, { minCell: input.minCell, quarters });
    model = modelOf(input, disclosure, quarters);
  }
  return model;
}

function modelOf(input: ReportModelInput, disclosure: ReportDisclosure, quarters?: ReadonlyMap<string, QuarterCounts[]>): ReportModel {
  const { table, keys } = disclosure;
  // The course counts join the same disclosure table, so complements work across sections (§7, §8).
  const courseKeys = input.course ? addCourseDisclosure(table, input.course, keys) : undefined;
  const suppressed = suppressTable(table, input.minCell);
  const count = (key: string): ShownCount => {
    const entry = table.entries.get(key);
    if (!entry) throw new Error(`report model: no count ${key}`);
    return suppressed.has(key) ? 'suppressed' : entry.value;
  };
  const rate = (numeratorKey: string, denominatorKey: string): ShownRate => {
    const numerator = count(numeratorKey);
    const denominator = count(denominatorKey);
    if (numerator === 'suppressed' || denominator === 'suppressed') return 'suppressed';
    return wilsonInterval(numerator, denominator);
  };
  const enabled = input.minCell > 1;
  const rules: RuleReport[] = input.rules.map((rule) => {
    const ruleKeys = keys.get(rule.ruleId)!;
    const rateRows = (group: string, rows: ReadonlyArray<JudgedCounts & { level: string }>): RateRow[] =>
      rows.map((row) => ({
        level: row.level,
        open: count(ruleKeys.rateRow(group, row.level, 'open')),
        closed: count(ruleKeys.rateRow(group, row.level, 'closed')),
        judged: count(ruleKeys.rateRow(group, row.level, 'judged')),
        gapRate: rate(ruleKeys.rateRow(group, row.level, 'open'), ruleKeys.rateRow(group, row.level, 'judged')),
      }));
    const cohort = (name: Cohort): CohortReport => ({
      episodes: count(ruleKeys.cohortEpisodes(name)),
      statusCounts: Object.fromEntries(STATUSES.map((status) => [status, count(ruleKeys.cohortStatus(name, status))])) as Record<Status, ShownCount>,
      judged: count(name === 'complete' ? ruleKeys.judged : ruleKeys.inProgressJudged),
    });
    const dimensions = [...new Set(rule.strata.map((row) => row.dimension))];
    const indexMonths = rateRows('month', rule.indexMonths.map((row) => ({ ...row, level: row.month })));
    const report: RuleReport = {
      ruleId: rule.ruleId,
      title: ruleTitle(rule.ruleId),
      caveats: rule.ruleId === 'calcium-vitamin-d' && !input.supplementsVisible ? [SUPPLEMENTS_CAVEAT] : [],
      episodes: count(ruleKeys.episodes),
      statusCounts: Object.fromEntries(STATUSES.map((status) => [status, count(ruleKeys.status(status))])) as Record<Status, ShownCount>,
      complete: cohort('complete'),
      inProgress: cohort('in_progress'),
      judged: count(ruleKeys.judged),
      gapRate: rate(ruleKeys.cohortStatus('complete', 'open'), ruleKeys.judged),
      excludedByReason: attritionReasons(rule).map((reason) => ({ reason, count: count(ruleKeys.excluded(reason)) })),
      attrition: ruleKeys.attrition.map((step) => ({
        step: step.step,
        label: stepLabel(step.step),
        removed: count(step.removed),
        remaining: count(step.remaining),
      })),
      strata: dimensions.map((dimension) => ({
        dimension,
        label: DIMENSION_LABELS[dimension],
        rows: rateRows(`strata:${dimension}`, rule.strata.filter((row) => row.dimension === dimension)),
      })),
      indexMonths,
      inProgressMonths: rule.inProgressMonths.map((month) => ({
        month: month.month,
        counts: Object.fromEntries(STATUSES.map((status) => [status, count(ruleKeys.inProgressMonth(month.month, status))])) as Record<Status, ShownCount>,
        total: count(ruleKeys.inProgressMonth(month.month, 'total')),
      })),
      spc: buildSpcReport(indexMonths),
    };
    const ruleQuarters = quarters?.get(rule.ruleId);
    if (ruleQuarters) {
      const rows = rateRows('quarter', ruleQuarters.map((row) => ({ ...row, level: row.quarter })));
      report.quarters = { rows, spc: buildSpcReport(rows) };
    }
    if (rule.timeToTherapy) {
      const closed = rule.completeCounts.closed;
      const medianHidden = count(ruleKeys.cohortStatus('complete', 'closed')) === 'suppressed' || (enabled && closed < input.minCell);
      const treatedBy = (day: number): TreatedByDay => ({ day, treated: count(ruleKeys.treatedBy(day)), share: rate(ruleKeys.treatedBy(day), ruleKeys.judged) });
      report.timeToTherapy = {
        judged: count(ruleKeys.judged),
        treatedByDay: TREATED_BY_DAYS.map(treatedBy),
        curve: ruleKeys.curveDays.map(treatedBy),
        medianDays: rule.timeToTherapy.medianDays === null ? null : medianHidden ? 'suppressed' : rule.timeToTherapy.medianDays,
      };
    }
    if (rule.augmentation) {
      report.augmentation = rateRows('augmentation', rule.augmentation.map((row) => ({ ...row, level: row.procedureType })));
    }
    if (rule.actionableBySite) {
      report.actionableBySite = {
        rows: rule.actionableBySite.map((row) => ({
          site: row.site,
          open: count(ruleKeys.actionable(row.site, 'open')),
          prospective: count(ruleKeys.actionable(row.site, 'prospective')),
          total: count(ruleKeys.actionable(row.site, 'total')),
        })),
        total: count(ruleKeys.actionableTotal),
      };
    }
    return report;
  });
  for (const warning of input.ruleWarnings ?? []) {
    for (const report of rules.filter((rule) => warning.rules.includes(rule.ruleId))) report.caveats.push(warning.message);
  }
  const model: ReportModel = {
    run: input.run,
    cohorts: cohortDates(input.run.asOf),
    disclosure: {
      minCell: input.minCell,
      enabled,
      note: enabled
        ? `Counts from 1 to ${input.minCell - 1} are suppressed, and further counts are suppressed so that no suppressed count ` +
          'can be recomputed from totals or other tables; rates whose numerator or denominator is suppressed are suppressed. 0 is shown.'
        : `Small-cell suppression is OFF (--min-cell ${input.minCell}): small counts are shown as they are. ` +
          'Do not publish this report outside the care team.',
    },
    pseudonymized: input.pseudonymized,
    attrition: {
      qualifyingDiagnoses: count('attrition:qualifying_diagnoses'),
      personsWithQualifyingDiagnosis: count('attrition:persons'),
      episodes: count('attrition:episodes'),
    },
    rules,
    worklistFiles: input.worklistFiles ?? { csv: false, bySite: false },
  };
  if (input.course && courseKeys) model.therapyCourse = buildTherapyCourseReport(input.course, courseKeys, { count, rate, minCell: input.minCell });
  return model;
}

/** Narrowing helper: a shown rate with a value. */
export function isProportion(rate: ShownRate): rate is Exclude<ShownRate, 'suppressed' | null> {
  return rate !== null && rate !== 'suppressed';
}
