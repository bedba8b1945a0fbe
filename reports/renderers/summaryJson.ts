import type { RateRow, ReportModel, RuleReport, ShownRate, TreatedByDay } from '../model/reportModel.js';
import type { SpcReport } from '../spc/buildSpcReport.js';
import { describeSignal, quartersAdvice } from '../spc/describeSignal.js';
import { therapyCourseJson } from './courseJson.js';
import { round4 } from './format.js';

/** Identifies the layout of summary.json; bump when a field changes meaning. */
export const SUMMARY_JSON_FORMAT = 'caregap-summary/2';

/**
 * summary.json (docs/contracts.md, docs/reports.md): the run, the cohorts, the disclosure control
 * applied, the attrition and per rule: counts by status for all episodes and for the complete and
 * in-progress cohorts (docs/rules.md §7), excluded by reason, the gap rate over the complete cohort
 * with its 95% Wilson interval, strata, complete index months with their p-chart and special
 * causes (§9), in-progress months as counts, and the rule-specific tables, all after suppression.
 * A suppressed count or rate is the string "suppressed"; a rate without denominator is null.
 * Never contains a patient-level value. Pure and deterministic: same model, same bytes.
 * v2 (caregap-summary/2): gapRate, judged, strata, months and time to therapy are over the
 * complete cohort; indexMonthMedianRate is replaced by spc.
 */
export function renderSummaryJson(model: ReportModel): string {
  const summary = {
    format: SUMMARY_JSON_FORMAT,
    run: model.run,
    cohorts: {
      completeWhen: 'index_date + 365 <= as_of',
      ...model.cohorts,
    },
    disclosure: model.disclosure,
    pseudonymized: model.pseudonymized,
    attrition: model.attrition,
    rules: model.rules.map(ruleJson),
    ...(model.therapyCourse ? { therapy_course: therapyCourseJson(model.therapyCourse) } : {}),
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}

function ruleJson(rule: RuleReport): Record<string, unknown> {
  const json: Record<string, unknown> = {
    ruleId: rule.ruleId,
    title: rule.title,
    caveats: rule.caveats,
    episodes: rule.episodes,
    counts: rule.statusCounts,
    completeCohort: { episodes: rule.complete.episodes, counts: rule.complete.statusCounts, judged: rule.complete.judged },
    inProgressCohort: { episodes: rule.inProgress.episodes, counts: rule.inProgress.statusCounts, judged: rule.inProgress.judged },
    judged: rule.judged,
    gapRate: rateJson(rule.gapRate),
    excludedByReason: Object.fromEntries(rule.excludedByReason.map((row) => [row.reason, row.count])),
    attrition: rule.attrition.map(({ step, removed, remaining }) => ({ step, removed, remaining })),
    strata: Object.fromEntries(
      rule.strata.map((stratum) => [stratum.dimension, stratum.rows.map((row) => ({ ...row, gapRate: rateJson(row.gapRate) }))]),
    ),
    indexMonths: rule.indexMonths.map((row) => periodJson('month', row)),
    inProgressMonths: rule.inProgressMonths.map((row) => ({ month: row.month, counts: row.counts, total: row.total })),
    spc: spcJson(rule.spc, 'month'),
  };
  if (rule.spc.mostSuppressed) (json.spc as Record<string, unknown>).advice = quartersAdvice(rule.spc, rule.quarters?.spc.points.length ?? 0);
  if (rule.quarters) {
    json.quarters = { rows: rule.quarters.rows.map((row) => periodJson('quarter', row)), spc: spcJson(rule.quarters.spc, 'quarter') };
  }
  if (rule.timeToTherapy) {
    json.timeToTherapy = {
      judged: rule.timeToTherapy.judged,
      treatedByDay: rule.timeToTherapy.treatedByDay.map(treatedJson),
      curve: rule.timeToTherapy.curve.map(treatedJson),
      medianDays: rule.timeToTherapy.medianDays,
    };
  }
  if (rule.augmentation) {
    json.augmentation = rule.augmentation.map((row) => ({ procedureType: row.level, open: row.open, closed: row.closed, judged: row.judged, gapRate: rateJson(row.gapRate) }));
  }
  if (rule.actionableBySite) {
    json.actionableBySite = { total: rule.actionableBySite.total, sites: rule.actionableBySite.rows };
  }
  return json;
}

function periodJson(key: 'month' | 'quarter', row: RateRow): Record<string, unknown> {
  return { [key]: row.level, open: row.open, closed: row.closed, judged: row.judged, gapRate: rateJson(row.gapRate) };
}

function spcJson(spc: SpcReport, key: 'month' | 'quarter'): Record<string, unknown> {
  return {
    chart: 'p',
    centre: spc.centre === null ? null : round4(spc.centre),
    periods: spc.months,
    suppressedLeftOut: spc.suppressedMonths,
    emptyLeftOut: spc.emptyMonths,
    mostSuppressed: spc.mostSuppressed,
    points: spc.points.map((point) => ({
      [key]: point.label,
      open: point.open,
      judged: point.judged,
      p: round4(point.p),
      lower: round4(point.lower),
      upper: round4(point.upper),
      signals: point.signals,
    })),
    signals: spc.signals.map((cause) => ({ kind: cause.kind, direction: cause.direction, [`${key}s`]: cause.labels, description: describeSignal(cause, key) })),
  };
}

function treatedJson(row: TreatedByDay): Record<string, unknown> {
  return { day: row.day, treated: row.treated, share: rateJson(row.share) };
}

function rateJson(rate: ShownRate): unknown {
  if (rate === null || rate === 'suppressed') return rate;
  return { rate: round4(rate.rate), lower: round4(rate.lower), upper: round4(rate.upper) };
}
