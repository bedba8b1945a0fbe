import type { RateRow, ReportModel, RuleReport } from '../model/reportModel.js';
import { STATUSES } from '../ruleCatalog.js';
import { SUPPRESSED_MARK, formatCount, formatParameter, formatPercent, formatRate } from './format.js';
import { renderCourseMarkdown } from './courseMarkdown.js';
import { markdownTable } from './markdownTable.js';

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
  out.push(markdownTable(
    ['Rule', 'Open', 'Closed', 'Gap rate (95% CI)'],
    model.rules.map((rule) => [`${rule.title} (\`${rule.ruleId}\`)`, formatCount(rule.statusCounts.open), formatCount(rule.statusCounts.closed), formatRate(rule.gapRate)]),
    [false, true, true, true],
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
  out.push(`Gap rate (open / (open + closed)): **${formatRate(rule.gapRate)}** of ${formatCount(rule.judged)} judged episodes.`, '');
  out.push(markdownTable(['Status', 'Episodes'], [...STATUSES.map((status) => [status, formatCount(rule.statusCounts[status])]), ['total', formatCount(rule.episodes)]], [false, true]), '');
  out.push('### Attrition', '');
  out.push(markdownTable(['Step', 'Removed', 'Remaining'], [
    ['Episodes', '', formatCount(rule.episodes)],
    ...rule.attrition.map((step) => [step.label, formatCount(step.removed), formatCount(step.remaining)]),
  ], [false, true, true]), '');
  out.push('Judged episodes are those left after the last step (open + closed).', '');
  if (rule.timeToTherapy) {
    const time = rule.timeToTherapy;
    out.push('### Time to therapy', '');
    out.push(markdownTable(['Days since fracture', 'Treated', 'Cumulative share treated (95% CI)'],
      time.treatedByDay.map((row) => [`by day ${row.day}`, formatCount(row.treated), formatRate(row.share)]), [false, true, true]), '');
    const medianText = time.medianDays === null ? 'n/a' : time.medianDays === 'suppressed' ? SUPPRESSED_MARK : String(time.medianDays);
    out.push(`Denominator: ${formatCount(time.judged)} judged episodes. Median days to therapy among the treated: ${medianText} ` +
      '(therapy active at the fracture counts as day 0).', '');
  }
  if (rule.augmentation) {
    out.push('### By procedure type', '');
    out.push(rateTable('Procedure', rule.augmentation), '');
  }
  out.push('### Strata', '');
  for (const stratum of rule.strata) out.push(`#### ${stratum.label}`, '', rateTable(stratum.label, stratum.rows), '');
  out.push('### By index month', '');
  out.push(`Centre line (median of the monthly gap rates): ${rule.indexMonthMedianRate === null ? 'n/a' : formatPercent(rule.indexMonthMedianRate)}.`, '');
  out.push(rateTable('Index month', rule.indexMonths), '');
  return out;
}

function rateTable(levelHeader: string, rows: readonly RateRow[]): string {
  return markdownTable(
    [levelHeader, 'Open', 'Closed', 'Judged', 'Gap rate (95% CI)'],
    rows.map((row) => [row.level, formatCount(row.open), formatCount(row.closed), formatCount(row.judged), formatRate(row.gapRate)]),
    [false, true, true, true, true],
  );
}
