import type { ReportCharts } from '../charts/renderCharts.js';
import type { RateRow, ReportModel, RuleReport } from '../model/reportModel.js';
import { STATUSES } from '../ruleCatalog.js';
import { renderCourseHtml } from './courseHtml.js';
import { SUPPRESSED_MARK, formatCount, formatParameter, formatPercent, formatRate } from './format.js';
import { escapeHtml, htmlFigure, htmlTable } from './html.js';
import { REPORT_CSS } from './reportStyle.js';

/**
 * Nothing in the report may be fetched: no script, no font, no image from outside. The browser
 * enforces it through this policy even if a chart were to reference something.
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * report.html: one self-contained file that opens offline in any browser. Static SVG charts, the
 * tables of summary.md, the run's parameters and versions, every caveat next to its rule, and the
 * worklist only when the model carries one (--worklist). Pure: model and charts in, text out.
 */
export function renderReportHtml(model: ReportModel, charts: ReportCharts): string {
  const body: string[] = [];
  body.push(`<header><h1>caregap report</h1><p class="meta">As of <strong>${escapeHtml(model.run.asOf)}</strong> · input format ${escapeHtml(model.run.inputFormat)} · caregap ${escapeHtml(model.run.versions.caregap)}` +
    (model.run.generatedAt ? ` · generated ${escapeHtml(model.run.generatedAt)}` : '') + '</p></header>');
  body.push(`<div class="${model.disclosure.enabled ? 'note' : 'danger'}" id="disclosure"><strong>Disclosure control:</strong> ${escapeHtml(model.disclosure.note)}` +
    (model.disclosure.enabled ? ` ${escapeHtml(SUPPRESSED_MARK)} marks a suppressed count or rate.` : '') + '</div>');
  if (model.pseudonymized) body.push('<p class="note">Person ids in every output are keyed hashes (HMAC-SHA-256).</p>');

  body.push('<section id="overview"><h2>Overview</h2>');
  if (charts.overview) body.push(htmlFigure('chart-overview', charts.overview, 'Gap rate (open / (open + closed)) of each rule with its 95% Wilson interval.'));
  body.push(htmlTable('Gap rate by rule', ['Rule', 'Open', 'Closed', 'Gap rate (95% CI)'],
    model.rules.map((rule) => [`${rule.title} (${rule.ruleId})`, formatCount(rule.statusCounts.open), formatCount(rule.statusCounts.closed), formatRate(rule.gapRate)]), [false, true, true, true]));
  body.push(htmlTable('From diagnoses to episodes', ['Step', 'Count'], [
    ['Qualifying diagnoses', formatCount(model.attrition.qualifyingDiagnoses)],
    ['Persons with a qualifying diagnosis', formatCount(model.attrition.personsWithQualifyingDiagnosis)],
    ['Episodes', formatCount(model.attrition.episodes)],
  ], [false, true]));
  body.push('</section>');

  for (const rule of model.rules) body.push(ruleSection(rule, charts.rules[rule.ruleId]));
  if (model.therapyCourse) body.push(renderCourseHtml(model.therapyCourse, charts.course));
  if (model.worklist) body.push(worklistSection(model));
  body.push(runSection(model));

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>caregap report, as of ${escapeHtml(model.run.asOf)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function ruleSection(rule: RuleReport, charts: ReportCharts['rules'][string] | undefined): string {
  const id = escapeHtml(rule.ruleId);
  const out: string[] = [`<section class="rule" id="rule-${id}"><h2>${escapeHtml(rule.title)} <code>${id}</code></h2>`];
  for (const caveat of rule.caveats) out.push(`<div class="warning caveat"><strong>Caveat:</strong> ${escapeHtml(caveat)}</div>`);
  out.push(`<p>Gap rate (open / (open + closed)): <strong>${escapeHtml(formatRate(rule.gapRate))}</strong> of ${escapeHtml(formatCount(rule.judged))} judged episodes.</p>`);
  out.push(htmlTable('Episodes by status', ['Status', 'Episodes'], [...STATUSES.map((status) => [status, formatCount(rule.statusCounts[status])]), ['total', formatCount(rule.episodes)]], [false, true]));
  out.push(htmlTable('Attrition: from episodes to judged episodes', ['Step', 'Removed', 'Remaining'], [
    ['Episodes', '', formatCount(rule.episodes)],
    ...rule.attrition.map((step) => [step.label, formatCount(step.removed), formatCount(step.remaining)]),
  ], [false, true, true]));
  if (rule.timeToTherapy) {
    const time = rule.timeToTherapy;
    out.push('<h3>Time to therapy</h3>');
    if (charts?.timeToTherapy) out.push(htmlFigure(`chart-time-${id}`, charts.timeToTherapy, 'Cumulative share of judged episodes treated by days since the fracture, with 95% Wilson intervals.'));
    out.push(htmlTable('Cumulative share treated', ['Days since fracture', 'Treated', 'Share treated (95% CI)'],
      time.treatedByDay.map((row) => [`by day ${row.day}`, formatCount(row.treated), formatRate(row.share)]), [false, true, true]));
    const medianText = time.medianDays === null ? 'n/a' : time.medianDays === 'suppressed' ? SUPPRESSED_MARK : String(time.medianDays);
    out.push(`<p>Denominator: ${escapeHtml(formatCount(time.judged))} judged episodes. Median days to therapy among the treated: <strong>${escapeHtml(medianText)}</strong> (therapy active at the fracture counts as day 0).</p>`);
  }
  if (rule.augmentation) {
    out.push('<h3>By procedure type</h3>');
    out.push(rateTable('Gap rate by procedure type', 'Procedure', rule.augmentation));
  }
  out.push('<h3>Strata</h3>');
  if (charts?.strata) out.push(htmlFigure(`chart-strata-${id}`, charts.strata, 'Gap rate by stratum with 95% Wilson intervals; suppressed and empty levels are left out.'));
  for (const stratum of rule.strata) out.push(rateTable(`Gap rate by ${stratum.label.toLowerCase()}`, stratum.label, stratum.rows));
  out.push('<h3>By index month</h3>');
  if (charts?.run) out.push(htmlFigure(`chart-run-${id}`, charts.run, `Run chart; dashed centre line at the median monthly gap rate (${rule.indexMonthMedianRate === null ? 'n/a' : formatPercent(rule.indexMonthMedianRate)}). Suppressed months are left out.`));
  else out.push('<p class="note">No run chart: no index month has a gap rate that can be shown (all are suppressed or have no judged episode).</p>');
  out.push(rateTable('Gap rate by index month', 'Index month', rule.indexMonths));
  out.push('</section>');
  return out.join('\n');
}

function rateTable(caption: string, levelHeader: string, rows: readonly RateRow[]): string {
  return htmlTable(caption, [levelHeader, 'Open', 'Closed', 'Judged', 'Gap rate (95% CI)'],
    rows.map((row) => [row.level, formatCount(row.open), formatCount(row.closed), formatCount(row.judged), formatRate(row.gapRate)]), [false, true, true, true, true]);
}

function worklistSection(model: ReportModel): string {
  const rows = model.worklist ?? [];
  return [
    '<section id="worklist"><h2>Worklist: open and prospective gaps</h2>',
    '<div class="danger">This section identifies patients (written because of --worklist). Share it only with the care team.</div>',
    htmlTable(`Open and prospective gaps by due date (${rows.length})`, ['Person id', 'Rule', 'Status', 'Reason', 'Due date'],
      rows.map((row) => [row.personId, row.ruleId, row.status, row.reason, row.dueDate ?? ''])),
    '</section>',
  ].join('\n');
}

function runSection(model: ReportModel): string {
  const versions = model.run.versions;
  return [
    '<section id="run"><h2>Run</h2>',
    htmlTable('Versions', ['Component', 'Version'], [
      ['caregap', versions.caregap],
      ['DuckDB', versions.duckdb],
      ['Value sets', versions.valueSets],
      ['Value-set hash', versions.valueSetHash],
      ['Input format', model.run.inputFormat],
      ['As of', model.run.asOf],
      ['Minimum cell size', model.disclosure.enabled ? String(model.disclosure.minCell) : `${model.disclosure.minCell} (suppression off)`],
    ]),
    htmlTable('Parameters', ['Parameter', 'Value'], Object.keys(model.run.parameters).sort().map((key) => [key, formatParameter(model.run.parameters[key])])),
    '</section>',
  ].join('\n');
}
