import type { ReportModel } from '../model/reportModel.js';
import { renderCourseCharts, type CourseCharts } from './courseCharts.js';
import { renderOverviewChart } from './overviewChart.js';
import { renderPChart } from './pChartChart.js';
import { renderActionableChart, renderSiteRatesChart } from './sitesChart.js';
import { renderStrataChart } from './strataChart.js';
import { renderTimeToTherapyChart } from './timeToTherapyChart.js';

/** Static SVG of one rule's charts; null when a chart has nothing to show. */
export interface RuleCharts {
  /** p-chart of the complete index months (docs/rules.md §9). */
  pChart: string | null;
  /** p-chart of the complete quarters, when the rule has them (most months suppressed). */
  quarterPChart: string | null;
  strata: string | null;
  timeToTherapy: string | null;
}

/** Static SVG of every chart of report.html. */
export interface ReportCharts {
  overview: string | null;
  /** Gap rate by site and rule, and actionable gaps by site. */
  sites: { rates: string | null; actionable: string | null };
  rules: Record<string, RuleCharts>;
  /** Only when the model has a therapy course section. */
  course?: CourseCharts;
}

/** Renders every chart of the report from the suppressed model (charts never see unsuppressed counts). */
export async function renderCharts(model: ReportModel): Promise<ReportCharts> {
  const charts: ReportCharts = {
    overview: await renderOverviewChart(model),
    sites: { rates: await renderSiteRatesChart(model), actionable: await renderActionableChart(model) },
    rules: {},
  };
  for (const rule of model.rules) {
    charts.rules[rule.ruleId] = {
      pChart: await renderPChart(rule.spc, rule.indexMonths.map((row) => row.level), `p-chart: gap rate by index month (${rule.ruleId})`, 'month'),
      quarterPChart: rule.quarters ? await renderPChart(rule.quarters.spc, rule.quarters.rows.map((row) => row.level), `p-chart: gap rate by index quarter (${rule.ruleId})`, 'quarter') : null,
      strata: await renderStrataChart(rule),
      timeToTherapy: rule.timeToTherapy ? await renderTimeToTherapyChart(rule) : null,
    };
  }
  if (model.therapyCourse) charts.course = await renderCourseCharts(model.therapyCourse);
  return charts;
}
