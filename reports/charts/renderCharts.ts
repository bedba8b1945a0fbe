import type { ReportModel } from '../model/reportModel.js';
import { renderCourseCharts, type CourseCharts } from './courseCharts.js';
import { renderOverviewChart } from './overviewChart.js';
import { renderRunChart } from './runChart.js';
import { renderStrataChart } from './strataChart.js';
import { renderTimeToTherapyChart } from './timeToTherapyChart.js';

/** Static SVG of every chart of report.html: the overview, and per rule its run, strata and time charts. */
export interface ReportCharts {
  overview: string | null;
  rules: Record<string, { run: string | null; strata: string | null; timeToTherapy: string | null }>;
  /** Only when the model has a therapy course section. */
  course?: CourseCharts;
}

/** Renders every chart of the report from the suppressed model (charts never see unsuppressed counts). */
export async function renderCharts(model: ReportModel): Promise<ReportCharts> {
  const charts: ReportCharts = { overview: await renderOverviewChart(model), rules: {} };
  for (const rule of model.rules) {
    charts.rules[rule.ruleId] = {
      run: await renderRunChart(rule),
      strata: await renderStrataChart(rule),
      timeToTherapy: rule.timeToTherapy ? await renderTimeToTherapyChart(rule) : null,
    };
  }
  if (model.therapyCourse) charts.course = await renderCourseCharts(model.therapyCourse);
  return charts;
}
