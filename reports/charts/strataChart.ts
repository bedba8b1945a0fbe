import type { RuleReport } from '../model/reportModel.js';
import { CHART_WIDTH } from './chartLayout.js';
import { ratePoints } from './rateChartData.js';
import { COLOURS } from './svg/chartTheme.js';
import { rateAxis } from './svg/rateAxis.js';
import { rowsFrame } from './svg/rowsFrame.js';
import { dot, line } from './svg/shapes.js';
import { group } from './svg/svgElement.js';

/** Height in px of each stratum level's row. */
const ROW_HEIGHT = 20;

/**
 * Gap rate with 95% interval for every shown stratum level of a rule (a forest plot, complete
 * cohort), with the rule's own rate as a dashed vertical line. Null when no level is shown.
 */
export async function renderStrataChart(rule: RuleReport): Promise<string | null> {
  const points = rule.strata.flatMap((stratum) => ratePoints(stratum.rows, (row) => `${stratum.label}: ${row.level}`));
  if (rule.augmentation) points.push(...ratePoints(rule.augmentation, (row) => `Procedure: ${row.level}`));
  if (points.length === 0) return null;
  const frame = rowsFrame({
    title: `Gap rate by stratum (complete cohort), 95% CI (${rule.ruleId})`,
    label: `Gap rate by stratum for ${rule.title}`,
    width: CHART_WIDTH,
    rows: points.map((point) => point.label),
    plotHeight: ROW_HEIGHT * points.length,
    xAxis: rateAxis('Gap rate'),
  });
  const { x, y, plot } = frame;
  const marks = [
    group(points.map((point) => line(x(point.lower), y.centre(point.label), x(point.upper), y.centre(point.label), { stroke: COLOURS.interval })), { class: 'interval' }),
    group(points.map((point) => dot(x(point.rate), y.centre(point.label), 50, { fill: COLOURS.primary })), { class: 'rate' }),
  ];
  if (typeof rule.gapRate === 'object' && rule.gapRate !== null) {
    const ruleRate = x(rule.gapRate.rate);
    marks.push(line(ruleRate, plot.top, ruleRate, plot.top + plot.height, { stroke: COLOURS.reference, 'stroke-dasharray': '6,4', class: 'reference' }));
  }
  return frame.render(marks);
}
