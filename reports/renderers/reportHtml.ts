import type { ReportCharts, RuleCharts } from '../charts/renderCharts.js';
import type { RateRow, ReportModel, RuleReport } from '../model/reportModel.js';
import { STATUSES } from '../ruleCatalog.js';
import type { SpcReport } from '../spc/buildSpcReport.js';
import { describeLeftOut, describeSignal, quartersAdvice } from '../spc/describeSignal.js';
import { renderCourseHtml } from './courseHtml.js';
import { SUPPRESSED_MARK, formatCount, formatParameter, formatRate } from './format.js';
import { escapeHtml, htmlFigure, htmlTable } from './html.js';
import { REPORT_CSS } from './reportStyle.js';
import { centreText, spcTableHeader, spcTableRows } from './spcText.js';

/**
 * Nothing in the report may be fetched: no script, no font, no image from outside. The browser
 * enforces it through this policy even if a chart were to reference something.
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** One entry of the table of contents: an anchor id, its text, and entries below it. */
interface TocEntry {
  id: string;
  text: string;
  children?: TocEntry[];
}

/**
 * report.html: one self-contained file that opens offline in any browser. A table of contents,
 * static SVG charts sized to the page, the tables of summary.md, the run's parameters and
 * versions, and every caveat next to its rule. It never lists patients: the actionable gaps are
 * counts per site (suppressed like every aggregate) that point to worklist.csv and worklists/.
 * Pure: model and charts in, text out.
 */
export function renderReportHtml(model: ReportModel, charts: ReportCharts): string {
  const toc: TocEntry[] = [{ id: 'overview', text: 'Overview' }, { id: 'sites', text: 'Sites and actionable gaps' }];
  const body: string[] = [];
  body.push(`<header><h1>caregap report</h1><p class="meta">As of <strong>${escapeHtml(model.run.asOf)}</strong> · input format ${escapeHtml(model.run.inputFormat)} · caregap ${escapeHtml(model.run.versions.caregap)}` +
    (model.run.generatedAt ? ` · generated ${escapeHtml(model.run.generatedAt)}` : '') + '</p></header>');
  body.push(`<div class="${model.disclosure.enabled ? 'note' : 'danger'}" id="disclosure"><strong>Disclosure control:</strong> ${escapeHtml(model.disclosure.note)}` +
    (model.disclosure.enabled ? ` ${escapeHtml(SUPPRESSED_MARK)} marks a suppressed count or rate.` : '') + '</div>');
  if (model.pseudonymized) body.push('<p class="note">Person ids in every output are keyed hashes (HMAC-SHA-256).</p>');
  const tocAt = body.length;

  body.push('<section id="overview"><h2>Overview</h2>');
  body.push(`<p class="note">Rates are over the <strong>complete cohort</strong>: episodes whose 12-month window has closed (index date on or before ` +
    `${escapeHtml(model.cohorts.completeIndexDateThrough)}; complete index months through ${escapeHtml(model.cohorts.lastCompleteMonth)}). ` +
    'Later episodes form the in-progress cohort: counted beside the rates, never in them (some are closed early, the rest are still running).</p>');
  if (charts.overview) body.push(htmlFigure('chart-overview', charts.overview, 'Gap rate (open / (open + closed), complete cohort) of each rule with its 95% Wilson interval.'));
  body.push(htmlTable('Gap rate by rule (complete cohort), with the in-progress cohort beside it', ['Rule', 'Open', 'Closed', 'Gap rate (95% CI)', 'In progress: closed so far', 'In progress: prospective'],
    model.rules.map((rule) => [`${rule.title} (${rule.ruleId})`, formatCount(rule.complete.statusCounts.open), formatCount(rule.complete.statusCounts.closed), formatRate(rule.gapRate),
      formatCount(rule.inProgress.statusCounts.closed), formatCount(rule.inProgress.statusCounts.prospective)]), [false, true, true, true, true, true]));
  body.push(htmlTable('From diagnoses to episodes', ['Step', 'Count'], [
    ['Qualifying diagnoses', formatCount(model.attrition.qualifyingDiagnoses)],
    ['Persons with a qualifying diagnosis', formatCount(model.attrition.personsWithQualifyingDiagnosis)],
    ['Episodes', formatCount(model.attrition.episodes)],
  ], [false, true]));
  body.push('</section>');

  body.push(sitesSection(model, charts));
  for (const rule of model.rules) {
    const section = ruleSection(rule, charts.rules[rule.ruleId]);
    body.push(section.html);
    toc.push(section.toc);
  }
  if (model.therapyCourse) {
    body.push(renderCourseHtml(model.therapyCourse, charts.course));
    toc.push({ id: 'therapy-course', text: 'Therapy course: adherence and persistence' });
  }
  body.push(runSection(model));
  toc.push({ id: 'run', text: 'Run: versions and parameters' });
  body.splice(tocAt, 0, tocHtml(toc));

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

function tocHtml(entries: readonly TocEntry[]): string {
  const list = (items: readonly TocEntry[]): string =>
    `<ol>${items.map((item) => `<li><a href="#${escapeHtml(item.id)}">${escapeHtml(item.text)}</a>${item.children?.length ? list(item.children) : ''}</li>`).join('')}</ol>`;
  return `<nav id="contents" aria-label="Contents"><h2>Contents</h2>\n${list(entries)}\n</nav>`;
}

function sitesSection(model: ReportModel, charts: ReportCharts): string {
  const out: string[] = ['<section id="sites"><h2>Sites and actionable gaps</h2>'];
  if (charts.sites.rates) out.push(htmlFigure('chart-site-rates', charts.sites.rates, 'Gap rate by site for each rule (complete cohort) with 95% Wilson intervals; suppressed and empty cells are left out.'));
  else out.push('<p class="note">No gap rate by site can be shown (no site in the input, or every site rate is suppressed).</p>');
  const worklistRules = model.rules.filter((rule) => rule.actionableBySite);
  out.push('<h3 id="actionable">Actionable gaps by site</h3>');
  out.push('<p>Open and prospective rows of the rules whose care can still be given (not rule C: its procedure has happened): ' +
    'the rows of the patient worklist, counted per site. Prospective rows are still inside their window (due by the due date); open rows are overdue.</p>');
  out.push(`<p class="note">${worklistPointer(model)}</p>`);
  if (charts.sites.actionable) out.push(htmlFigure('chart-actionable', charts.sites.actionable, 'Open and prospective rows by site and rule; a bar with a suppressed count is left out.'));
  if (worklistRules.length > 0) {
    const sites = worklistRules[0]!.actionableBySite!.rows.map((row) => row.site);
    const header = ['Site', ...worklistRules.flatMap((rule) => [`${rule.ruleId}: open`, `${rule.ruleId}: prospective`, `${rule.ruleId}: total`])];
    const rows = sites.map((site) => [site, ...worklistRules.flatMap((rule) => {
      const row = rule.actionableBySite!.rows.find((candidate) => candidate.site === site);
      return row ? [formatCount(row.open), formatCount(row.prospective), formatCount(row.total)] : ['', '', ''];
    })]);
    rows.push(['all sites', ...worklistRules.flatMap((rule) => [formatCount(rule.statusCounts.open), formatCount(rule.statusCounts.prospective), formatCount(rule.actionableBySite!.total)])]);
    out.push(htmlTable('Actionable gaps (open and prospective rows) by site and rule', header, rows, header.map((_, index) => index > 0)));
  }
  out.push('</section>');
  return out.join('\n');
}

/** Where the patient-level rows are: this page never lists patients, so it can be shared as an aggregate. */
function worklistPointer(model: ReportModel): string {
  const files = model.worklistFiles;
  if (files.csv) {
    return 'The patient-level rows are in <code>worklist.csv</code> beside this report' +
      (files.bySite ? ', and one file per site in <code>worklists/</code>' : ' (one file per site in <code>worklists/</code> with <code>--worklist-by-site</code>)') +
      '. Those files identify patients: share them only with the care team.';
  }
  return 'This run wrote no patient-level worklist. Run with <code>--worklist</code> for <code>worklist.csv</code> ' +
    '(and <code>--worklist-by-site</code> for one file per site in <code>worklists/</code>).';
}

function ruleSection(rule: RuleReport, charts: RuleCharts | undefined): { html: string; toc: TocEntry } {
  const id = escapeHtml(rule.ruleId);
  const anchor = (part: string): string => `rule-${rule.ruleId}-${part}`;
  const toc: TocEntry = { id: `rule-${rule.ruleId}`, text: `${rule.title} (${rule.ruleId})`, children: [{ id: anchor('cohorts'), text: 'Cohorts and attrition' }] };
  const out: string[] = [`<section class="rule" id="rule-${id}"><h2>${escapeHtml(rule.title)} <code>${id}</code></h2>`];
  for (const caveat of rule.caveats) out.push(`<div class="warning caveat"><strong>Caveat:</strong> ${escapeHtml(caveat)}</div>`);
  out.push(`<p>Gap rate (open / (open + closed), complete cohort): <strong>${escapeHtml(formatRate(rule.gapRate))}</strong> of ${escapeHtml(formatCount(rule.judged))} judged episodes.</p>`);
  out.push(`<h3 id="${escapeHtml(anchor('cohorts'))}">Cohorts and attrition</h3>`);
  out.push(htmlTable('Episodes by status and cohort', ['Status', 'All episodes', 'Complete cohort', 'In-progress cohort'], [
    ...STATUSES.map((status) => [status, formatCount(rule.statusCounts[status]), formatCount(rule.complete.statusCounts[status]), formatCount(rule.inProgress.statusCounts[status])]),
    ['total', formatCount(rule.episodes), formatCount(rule.complete.episodes), formatCount(rule.inProgress.episodes)],
  ], [false, true, true, true]));
  out.push(htmlTable('Attrition: from episodes to judged episodes of the complete cohort', ['Step', 'Removed', 'Remaining'], [
    ['Episodes', '', formatCount(rule.episodes)],
    ...rule.attrition.map((step) => [step.label, formatCount(step.removed), formatCount(step.remaining)]),
  ], [false, true, true]));
  if (rule.timeToTherapy) {
    const time = rule.timeToTherapy;
    toc.children!.push({ id: anchor('time'), text: 'Time to therapy' });
    out.push(`<h3 id="${escapeHtml(anchor('time'))}">Time to therapy</h3>`);
    if (charts?.timeToTherapy) {
      out.push(htmlFigure(`chart-time-${id}`, charts.timeToTherapy, 'Cumulative share of judged episodes (complete cohort) treated by days since the fracture: the whole curve, ' +
        'through points where at least the minimum cell size of episodes started since the previous point; 95% Wilson intervals at days 30, 90, 180 and 365.'));
    }
    out.push(htmlTable('Cumulative share treated (complete cohort)', ['Days since fracture', 'Treated', 'Share treated (95% CI)'],
      time.treatedByDay.map((row) => [`by day ${row.day}`, formatCount(row.treated), formatRate(row.share)]), [false, true, true]));
    const medianText = time.medianDays === null ? 'n/a' : time.medianDays === 'suppressed' ? SUPPRESSED_MARK : String(time.medianDays);
    out.push(`<p>Denominator: ${escapeHtml(formatCount(time.judged))} judged episodes. Median days to therapy among the treated: ${escapeHtml(medianText)} (therapy active at the fracture counts as day 0).</p>`);
  }
  if (rule.augmentation) {
    out.push('<h3>By procedure type</h3>');
    out.push(rateTable('Gap rate by procedure type (complete cohort)', 'Procedure', rule.augmentation));
  }
  toc.children!.push({ id: anchor('strata'), text: 'Strata' });
  out.push(`<h3 id="${escapeHtml(anchor('strata'))}">Strata</h3>`);
  if (charts?.strata) out.push(htmlFigure(`chart-strata-${id}`, charts.strata, 'Gap rate by stratum (complete cohort) with 95% Wilson intervals; the dashed line is the rule\'s rate; suppressed and empty levels are left out.'));
  for (const stratum of rule.strata) out.push(rateTable(`Gap rate by ${stratum.label.toLowerCase()} (complete cohort)`, stratum.label, stratum.rows));

  toc.children!.push({ id: anchor('months'), text: 'By index month: p-chart' });
  out.push(`<h3 id="${escapeHtml(anchor('months'))}">By index month: p-chart of the complete months</h3>`);
  out.push(...spcBlock(rule.spc, rule.indexMonths, charts?.pChart ?? null, `chart-spc-${id}`, 'month'));
  if (rule.spc.mostSuppressed) out.push(`<div class="warning">${escapeHtml(quartersAdvice(rule.spc, rule.quarters?.spc.points.length ?? 0))}</div>`);
  if (rule.quarters) {
    toc.children!.push({ id: anchor('quarters'), text: 'By index quarter: p-chart' });
    out.push(`<h3 id="${escapeHtml(anchor('quarters'))}">By index quarter: p-chart of the complete quarters</h3>`);
    out.push(...spcBlock(rule.quarters.spc, rule.quarters.rows, charts?.quarterPChart ?? null, `chart-spc-quarter-${id}`, 'quarter'));
  }
  toc.children!.push({ id: anchor('in-progress'), text: 'In-progress index months' });
  out.push(`<h3 id="${escapeHtml(anchor('in-progress'))}">In-progress index months (counts only, never a rate)</h3>`);
  if (rule.inProgressMonths.length === 0) out.push('<p>None: every index month is complete.</p>');
  else {
    out.push(htmlTable('In-progress cohort by index month', ['Index month', ...STATUSES, 'total'],
      rule.inProgressMonths.map((row) => [row.month, ...STATUSES.map((status) => formatCount(row.counts[status])), formatCount(row.total)]), [false, ...STATUSES.map(() => true), true]));
  }
  out.push('</section>');
  return { html: out.join('\n'), toc };
}

function spcBlock(spc: SpcReport, rows: readonly RateRow[], chart: string | null, chartId: string, unit: 'month' | 'quarter'): string[] {
  const out: string[] = [];
  out.push(`<p>Centre line p = ${escapeHtml(centreText(spc))} (open / judged over the ${unit}s charted); control limits p ± 3·√(p(1−p)/n), clipped to 0-100%. ${escapeHtml(describeLeftOut(spc, unit))}</p>`);
  if (chart) out.push(htmlFigure(chartId, chart, `p-chart: gap rate by index ${unit} (blue), centre line (red), control limits (dashed grey); orange diamonds mark special causes.`));
  else out.push(`<p class="note">No p-chart: no complete ${unit} has a gap rate that can be shown (all are suppressed or have no judged episode).</p>`);
  out.push(spc.signals.length === 0
    ? '<p><strong>Special causes:</strong> none (no point outside the limits, no run of 7 on one side of the centre line, no trend of 7).</p>'
    : `<p><strong>Special causes:</strong></p><ul class="signals">${spc.signals.map((cause) => `<li>${escapeHtml(describeSignal(cause, unit))}</li>`).join('')}</ul>`);
  out.push(htmlTable(`Gap rate by index ${unit} (complete ${unit}s)`, spcTableHeader(unit === 'month' ? 'Index month' : 'Index quarter'), spcTableRows(rows, spc), [false, true, true, true, true, true, false]));
  return out;
}

function rateTable(caption: string, levelHeader: string, rows: readonly RateRow[]): string {
  return htmlTable(caption, [levelHeader, 'Open', 'Closed', 'Judged', 'Gap rate (95% CI)'],
    rows.map((row) => [row.level, formatCount(row.open), formatCount(row.closed), formatCount(row.judged), formatRate(row.gapRate)]), [false, true, true, true, true]);
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
