import { isProportion } from '../model/buildReportModel.js';
import type { RuleReport } from '../model/reportModel.js';
import { CHART_WIDTH } from './chartLayout.js';
import { COLOURS } from './svg/chartTheme.js';
import { formatCount } from './svg/formatNumber.js';
import { rateAxis } from './svg/rateAxis.js';
import { dot, line, linePath } from './svg/shapes.js';
import { emptyElement, group } from './svg/svgElement.js';
import { xyFrame } from './svg/xyFrame.js';

/**
 * Rule A: the whole cumulative share treated by days since the fracture (complete cohort), drawn
 * through every published point of the curve (each step holds at least min_cell episodes), with
 * 95% intervals at days 30, 90, 180 and 365. Null when nothing is shown.
 */
export async function renderTimeToTherapyChart(rule: RuleReport): Promise<string | null> {
  const time = rule.timeToTherapy;
  if (!time) return null;
  const curve = time.curve.flatMap((row) => (isProportion(row.share) ? [{ day: row.day, share: row.share.rate }] : []));
  const marks = time.treatedByDay.flatMap((row) => (isProportion(row.share) ? [{ day: row.day, share: row.share.rate, lower: row.share.lower, upper: row.share.upper }] : []));
  if (curve.length === 0) return null;
  // The curve starts at day 0 with nobody treated unless day 0 itself is a published point.
  const points = curve[0]!.day === 0 ? curve : [{ day: 0, share: 0 }, ...curve];
  const frame = xyFrame({
    title: 'Cumulative share treated by days since fracture (complete cohort)',
    label: 'Cumulative share treated by days since fracture',
    width: CHART_WIDTH,
    plotHeight: 260,
    xAxis: { domain: [0, 365], values: [0, 30, 60, 90, 120, 150, 180, 210, 240, 270, 300, 330, 365], format: formatCount, title: 'Days since fracture' },
    yAxis: rateAxis('Share treated'),
  });
  const { x, y } = frame;
  return frame.render([
    emptyElement('path', { d: linePath(points.map((point) => [x(point.day), y(point.share)])), class: 'curve', fill: 'none', stroke: COLOURS.primary, 'stroke-width': 2 }),
    group(marks.map((mark) => line(x(mark.day), y(mark.lower), x(mark.day), y(mark.upper), { stroke: COLOURS.interval })), { class: 'interval' }),
    group(marks.map((mark) => dot(x(mark.day), y(mark.share), 50, { fill: COLOURS.primary })), { class: 'points' }),
  ]);
}
