import type { ReportModel, RuleReport, ShownRate } from '../model/reportModel.js';
import { therapyCourseJson } from './courseJson.js';
import { round4 } from './format.js';

/** Identifies the layout of summary.json; bump when a field changes meaning. */
export const SUMMARY_JSON_FORMAT = 'caregap-summary/1';

/**
 * summary.json (docs/contracts.md): the run, the disclosure control applied, the attrition and per rule
 * its counts by status, excluded by reason, gap rate with its 95% Wilson interval, strata, index
 * months, and the rule-specific tables, all after suppression. A suppressed count or rate is the
 * string "suppressed"; a rate without denominator is null. Never contains the worklist or any
 * patient-level value. Pure and deterministic: same model, same bytes.
 */
export function renderSummaryJson(model: ReportModel): string {
  const summary = {
    format: SUMMARY_JSON_FORMAT,
    run: model.run,
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
    judged: rule.judged,
    gapRate: rateJson(rule.gapRate),
    excludedByReason: Object.fromEntries(rule.excludedByReason.map((row) => [row.reason, row.count])),
    attrition: rule.attrition.map(({ step, removed, remaining }) => ({ step, removed, remaining })),
    strata: Object.fromEntries(
      rule.strata.map((stratum) => [stratum.dimension, stratum.rows.map((row) => ({ ...row, gapRate: rateJson(row.gapRate) }))]),
    ),
    indexMonths: rule.indexMonths.map((row) => ({ month: row.level, open: row.open, closed: row.closed, judged: row.judged, gapRate: rateJson(row.gapRate) })),
    indexMonthMedianRate: rule.indexMonthMedianRate === null ? null : round4(rule.indexMonthMedianRate),
  };
  if (rule.timeToTherapy) {
    json.timeToTherapy = {
      judged: rule.timeToTherapy.judged,
      treatedByDay: rule.timeToTherapy.treatedByDay.map((row) => ({ day: row.day, treated: row.treated, share: rateJson(row.share) })),
      medianDays: rule.timeToTherapy.medianDays,
    };
  }
  if (rule.augmentation) {
    json.augmentation = rule.augmentation.map((row) => ({ procedureType: row.level, open: row.open, closed: row.closed, judged: row.judged, gapRate: rateJson(row.gapRate) }));
  }
  return json;
}

function rateJson(rate: ShownRate): unknown {
  if (rate === null || rate === 'suppressed') return rate;
  return { rate: round4(rate.rate), lower: round4(rate.lower), upper: round4(rate.upper) };
}
