import type { RateRow, ReportModel, RuleReport } from '../model/reportModel.js';
import { STATUSES } from '../ruleCatalog.js';
import type { SpcReport } from '../spc/buildSpcReport.js';
import { describeLeftOut, describeSignal, quartersAdvice } from '../spc/describeSignal.js';
import { SUPPRESSED_MARK, formatCount, formatParameter, formatRate } from './format.js';
import { renderCourseMarkdown } from './courseMarkdown.js';
import { markdownTable } from './markdownTable.js';
import { centreText, spcTableHeader, spcTableRows } from './spcText.js';

/**
 * summary.md, for CI logs and pull requests: the same aggregates as summary.json, as Markdown
 * tables, with the disclosure note and every caveat next to its rule. No worklist, no
 * patient-level values. Pure and deterministic.
 */
export function renderSummaryMarkdown(model: ReportModel): string {
  const out: string[] = [];
  out.push('# caregap summary', '');
  out.push(`As of **${model.run.asOf}**; input format ${model.run.inputFormat}; caregap ${model.run.versions.caregap}; ` +
    `DuckDB ${model.run.versions.duckdb}; value sets ${model.run.versions.valueSets} (${model.run.versions.valueSetHash}).` +
    (model.run.generatedAt ? ` Generated ${model.run.generatedAt}.` : ''), '');
  out.push(`**Disclosure control:** ${model.disclosure.note}` +
    (model.disclosure.enabled ? ` ${SUPPRESSED_MARK} marks a suppressed count or rate.` : ''), '');
  if (model.pseudonymized) out.push('Person ids in every output are keyed hashes (HMAC-SHA-256).', '');

  out.push('## Overview', '');
  out.push(`Rates are over the **complete cohort**: episodes whose 12-month window has closed (index date on or before ` +
    `${model.cohorts.completeIndexDateThrough}; complete index months through ${model.cohorts.lastCompleteMonth}). ` +
    'Later episodes form the in-progress cohort, counted beside the rates and never in them.', '');
  out.push(markdownTable(
    ['Rule', 'Open', 'Closed', 'Gap rate (95% CI)', 'In progress: closed so far', 'In progress: prospective'],
    model.rules.map((rule) => [`${rule.title} (\`${rule.ruleId}\`)`, formatCount(rule.complete.statusCounts.open), formatCount(rule.complete.statusCounts.closed),
      formatRate(rule.gapRate), formatCount(rule.inProgress.statusCounts.closed), formatCount(rule.inProgress.statusCounts.prospective)]),
    [false, true, true, true, true, true],
  ), '');
  out.push('## Attrition', '');
  out.push(markdownTable(['Step', 'Count'], [
    ['Qualifying diagnoses', formatCount(model.attrition.qualifyingDiagnoses)],
    ['Persons with a qualifying diagnosis', formatCount(model.attrition.personsWithQualifyingDiagnosis)],
    ['Episodes', formatCount(model.attrition.episodes)],
  ], [false, true]), '');

  for (const rule of model.rules) out.push(...ruleSection(rule));
  if (model.therapyCourse) out.push(...renderCourseMarkdown(model.therapyCourse));

  out.push('## Run parameters', '');
  out.push(markdownTable(['Parameter', 'Value'], Object.keys(model.run.parameters).sort().map((key) => [key, formatParameter(model.run.parameters[key])])), '');
  return `${out.join('\n').trimEnd()}\n`;
}

function ruleSection(rule: RuleReport): string[] {
  const out: string[] = [`## ${rule.title} (\`${rule.ruleId}\`)`, ''];
  for (const caveat of rule.caveats) out.push(`> **Caveat:** ${caveat}`, '');
  out.push(`Gap rate (open / (open + closed), complete cohort): **${formatRate(rule.gapRate)}** of ${formatCount(rule.judged)} judged episodes.`, '');
  out.push(markdownTable(['Status', 'All episodes', 'Complete cohort', 'In-progress cohort'], [
    ...STATUSES.map((status) => [status, formatCount(rule.statusCounts[status]), formatCount(rule.complete.statusCounts[status]), formatCount(rule.inProgress.statusCounts[status])]),
    ['total', formatCount(rule.episodes), formatCount(rule.complete.episodes), formatCount(rule.inProgress.episodes)],
  ], [false, true, true, true]), '');
  out.push('### Attrition', '');
  out.push(markdownTable(['Step', 'Removed', 'Remaining'], [
    ['Episodes', '', formatCount(rule.episodes)],
    ...rule.attrition.map((step) => [step.label, formatCount(step.removed), formatCount(step.remaining)]),
  ], [false, true, true]), '');
  out.push('Judged episodes are those left after the last step: open + closed in the complete cohort.', '');
  if (rule.timeToTherapy) {
    const time = rule.timeToTherapy;
    out.push('### Time to therapy', '');
    out.push(markdownTable(['Days since fracture', 'Treated', 'Cumulative share treated (95% CI)'],
      time.treatedByDay.map((row) => [`by day ${row.day}`, formatCount(row.treated), formatRate(row.share)]), [false, true, true]), '');
    const medianText = time.medianDays === null ? 'n/a' : time.medianDays === 'suppressed' ? SUPPRESSED_MARK : String(time.medianDays);
    out.push(`Denominator: ${formatCount(time.judged)} judged episodes of the complete cohort. Median days to therapy among the treated: ${medianText} ` +
      '(therapy active at the fracture counts as day 0). The whole cumulative curve is in report.html and summary.json.', '');
  }
  if (rule.augmentation) {
    out.push('### By procedure type', '');
    out.push(rateTable('Procedure', rule.augmentation), '');
  }
  out.push('### Strata', '');
  for (const stratum of rule.strata) out.push(`#### ${stratum.label}`, '', rateTable(stratum.label, stratum.rows), '');
  out.push('### By index month (complete months)', '');
  out.push(...spcSection(rule.spc, rule.indexMonths, 'Index month', 'month'));
  if (rule.spc.mostSuppressed) out.push(`> **Note:** ${quartersAdvice(rule.spc, rule.quarters?.spc.points.length ?? 0)}`, '');
  if (rule.quarters) {
    out.push('### By index quarter (complete quarters)', '');
    out.push(...spcSection(rule.quarters.spc, rule.quarters.rows, 'Index quarter', 'quarter'));
  }
  out.push('### In-progress index months (counts only, never a rate)', '');
  out.push(rule.inProgressMonths.length === 0 ? 'None.' : markdownTable(['Index month', ...STATUSES, 'total'],
    rule.inProgressMonths.map((row) => [row.month, ...STATUSES.map((status) => formatCount(row.counts[status])), formatCount(row.total)]),
    [false, ...STATUSES.map(() => true), true]), '');
  if (rule.actionableBySite) {
    out.push('### Actionable gaps by site (open and prospective)', '');
    out.push(markdownTable(['Site', 'Open', 'Prospective', 'Total'], [
      ...rule.actionableBySite.rows.map((row) => [row.site, formatCount(row.open), formatCount(row.prospective), formatCount(row.total)]),
      ['all sites', formatCount(rule.statusCounts.open), formatCount(rule.statusCounts.prospective), formatCount(rule.actionableBySite.total)],
    ], [false, true, true, true]), '');
  }
  return out;
}

function spcSection(spc: SpcReport, rows: readonly RateRow[], header: string, unit: 'month' | 'quarter'): string[] {
  const out: string[] = [];
  out.push(`p-chart: centre line ${centreText(spc)} (open / judged over the ${unit}s charted), control limits p ± 3·sqrt(p(1-p)/n). ` +
    describeLeftOut(spc, unit), '');
  out.push(spc.signals.length === 0
    ? 'Special causes: none (no point outside the limits, no run of 7 on one side of the centre line, no trend of 7).'
    : ['Special causes:', ...spc.signals.map((cause) => `- ${describeSignal(cause, unit)}`)].join('\n'), '');
  out.push(markdownTable(spcTableHeader(header), spcTableRows(rows, spc), [false, true, true, true, true, true, false]), '');
  return out;
}

function rateTable(levelHeader: string, rows: readonly RateRow[]): string {
  return markdownTable(
    [levelHeader, 'Open', 'Closed', 'Judged', 'Gap rate (95% CI)'],
    rows.map((row) => [row.level, formatCount(row.open), formatCount(row.closed), formatCount(row.judged), formatRate(row.gapRate)]),
    [false, true, true, true, true],
  );
}
