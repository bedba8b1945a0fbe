import { isProportion } from '../model/buildReportModel.js';
import type { ReportModel } from '../model/reportModel.js';
import { CHART_WIDTH } from './chartLayout.js';
import { COLOURS } from './svg/chartTheme.js';
import { rateAxis } from './svg/rateAxis.js';
import { rowsFrame } from './svg/rowsFrame.js';
import { dot, line, rect } from './svg/shapes.js';
import { group } from './svg/svgElement.js';

/** Height in px of each rule's row, and of its faint bar. */
const ROW_HEIGHT = 32;
const BAR_HEIGHT = 16;

/**
 * Gap rate (complete cohort) with 95% interval of every rule whose rate is shown: a faint bar to
 * the rate, the interval as a whisker and the rate as a dot, one row per rule. Null when none.
 */
export async function renderOverviewChart(model: ReportModel): Promise<string | null> {
  const points = model.rules.flatMap((rule) =>
    isProportion(rule.gapRate) ? [{ label: `${rule.title} (${rule.ruleId})`, rate: rule.gapRate.rate, lower: rule.gapRate.lower, upper: rule.gapRate.upper }] : [],
  );
  if (points.length === 0) return null;
  const frame = rowsFrame({
    title: 'Gap rate by rule (complete cohort), 95% CI',
    label: 'Gap rate by rule',
    width: CHART_WIDTH,
    rows: points.map((point) => point.label),
    plotHeight: ROW_HEIGHT * points.length,
    xAxis: rateAxis('Gap rate'),
  });
  const { x, y } = frame;
  return frame.render([
    group(points.map((point) => line(x(point.lower), y.centre(point.label), x(point.upper), y.centre(point.label), { stroke: COLOURS.interval })), { class: 'interval' }),
    group(points.map((point) => rect(x(0), y.centre(point.label) - BAR_HEIGHT / 2, x(point.rate) - x(0), BAR_HEIGHT, { fill: COLOURS.primary, 'fill-opacity': 0.25 })), { class: 'bar' }),
    group(points.map((point) => dot(x(point.rate), y.centre(point.label), 60, { fill: COLOURS.primary })), { class: 'rate' }),
  ]);
}
