import type { JudgedCounts, RawRuleAggregates } from '../aggregates/rawAggregates.js';
import { buildTherapyCourseReport } from '../course/buildTherapyCourseReport.js';
import { addCourseDisclosure } from '../course/courseDisclosure.js';
import type { RawCourseAggregates } from '../course/rawCourseAggregates.js';
import { suppressTable } from '../disclosure/suppressTable.js';
import { STATUSES, ruleTitle, type Status } from '../ruleCatalog.js';
import type { AttritionInput, RunInfo } from '../types.js';
import { wilsonInterval } from '../wilsonInterval.js';
import { attritionReasons, buildDisclosureTable } from './buildDisclosureTable.js';
import { DIMENSION_LABELS, SUPPLEMENTS_CAVEAT, stepLabel } from './labels.js';
import type { RateRow, ReportModel, RuleReport, ShownCount, ShownRate, WorklistRow } from './reportModel.js';

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
  /** Only with --worklist. */
  worklist?: WorklistRow[];
  /** Run warnings (manifest.json `warnings`) printed as caveats next to the rules they name. */
  ruleWarnings?: ReadonlyArray<{ message: string; rules: readonly string[] }>;
  /** The therapy course aggregates (docs/rules.md §8), only when the run made an episode_course table. */
  course?: RawCourseAggregates;
}

/**
 * Turns raw aggregates into what every report prints: suppression applied once to every count
 * (docs/rules.md §7), rates with Wilson intervals computed from the true counts and suppressed when
 * their numerator or denominator is, caveats attached. Pure: no database, no clock.
 */
export function buildReportModel(input: ReportModelInput): ReportModel {
  const { table, keys } = buildDisclosureTable(input.rules, input.attrition);
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
    const dimensions = [...new Set(rule.strata.map((row) => row.dimension))];
    const indexMonths = rateRows('month', rule.indexMonths.map((row) => ({ ...row, level: row.month })));
    const report: RuleReport = {
      ruleId: rule.ruleId,
      title: ruleTitle(rule.ruleId),
      caveats: rule.ruleId === 'calcium-vitamin-d' && !input.supplementsVisible ? [SUPPLEMENTS_CAVEAT] : [],
      episodes: count(ruleKeys.episodes),
      statusCounts: Object.fromEntries(STATUSES.map((status) => [status, count(ruleKeys.status(status))])) as Record<Status, ShownCount>,
      judged: count(ruleKeys.judged),
      gapRate: rate(ruleKeys.status('open'), ruleKeys.judged),
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
      indexMonthMedianRate: median(indexMonths.flatMap((row) => (isProportion(row.gapRate) ? [row.gapRate.rate] : []))),
    };
    if (rule.timeToTherapy) {
      const closed = rule.statusCounts.closed;
      const medianHidden = count(ruleKeys.status('closed')) === 'suppressed' || (enabled && closed < input.minCell);
      report.timeToTherapy = {
        judged: count(ruleKeys.judged),
        treatedByDay: rule.timeToTherapy.treatedByDay.map(({ day }) => ({
          day,
          treated: count(ruleKeys.treatedBy(day)),
          share: rate(ruleKeys.treatedBy(day), ruleKeys.judged),
        })),
        medianDays: rule.timeToTherapy.medianDays === null ? null : medianHidden ? 'suppressed' : rule.timeToTherapy.medianDays,
      };
    }
    if (rule.augmentation) {
      report.augmentation = rateRows('augmentation', rule.augmentation.map((row) => ({ ...row, level: row.procedureType })));
    }
    return report;
  });
  for (const warning of input.ruleWarnings ?? []) {
    for (const report of rules.filter((rule) => warning.rules.includes(rule.ruleId))) report.caveats.push(warning.message);
  }
  const model: ReportModel = {
    run: input.run,
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
  };
  if (input.worklist) model.worklist = input.worklist;
  if (input.course && courseKeys) model.therapyCourse = buildTherapyCourseReport(input.course, courseKeys, { count, rate, minCell: input.minCell });
  return model;
}

/** Narrowing helper: a shown rate with a value. */
export function isProportion(rate: ShownRate): rate is Exclude<ShownRate, 'suppressed' | null> {
  return rate !== null && rate !== 'suppressed';
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
