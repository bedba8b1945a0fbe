import type { SpcReport } from '../spc/buildSpcReport.js';
import { CHART_WIDTH } from './chartLayout.js';
import { bandAxisBottom, bandAxisBottomHeight, bandAxisBottomLeftReach } from './svg/axisBottomBand.js';
import { linearAxisLeft, linearAxisLeftWidth } from './svg/axisLeft.js';
import { bandScale } from './svg/bandScale.js';
import { COLOURS } from './svg/chartTheme.js';
import { frameLayout } from './svg/frameLayout.js';
import { linearScale } from './svg/linearScale.js';
import { rateAxis } from './svg/rateAxis.js';
import { diamond, dot, linePath, stepPath } from './svg/shapes.js';
import { emptyElement, group } from './svg/svgElement.js';
import { svgDocument } from './svg/svgDocument.js';

/** Height in px of the plot area. */
const PLOT_HEIGHT = 260;

/**
 * The p-chart of docs/rules.md §9: gap rate by complete period (month or quarter) with the centre
 * line and the per-period control limits (dashed step lines); points that a special cause marks
 * are drawn as larger orange diamonds. Suppressed and empty periods are not points (the caller's
 * SpcReport left them out) but keep their place on the time axis (`periods`: every complete period,
 * in order; a point whose label is not among them throws). Null when no period is charted.
 */
export async function renderPChart(spc: SpcReport, periods: readonly string[], title: string, unit: 'month' | 'quarter'): Promise<string | null> {
  const centre = spc.centre;
  if (spc.points.length === 0 || centre === null) return null;
  const yAxis = rateAxis('Gap rate');
  const xTitle = unit === 'month' ? 'Index month' : 'Index quarter';
  const layout = frameLayout({
    title,
    width: CHART_WIDTH,
    plotHeight: PLOT_HEIGHT,
    margins: { left: Math.max(linearAxisLeftWidth(yAxis), bandAxisBottomLeftReach(periods)), right: 0, bottom: bandAxisBottomHeight(periods, xTitle) },
  });
  const { plot } = layout;
  const x = bandScale(periods, [plot.left, plot.left + plot.width]);
  const y = linearScale(yAxis.domain, [plot.top + plot.height, plot.top]);
  const at = (label: string, value: number): [number, number] => [x.centre(label), y(value)];
  const dashed = { fill: 'none', stroke: COLOURS.interval, 'stroke-dasharray': '3,3' };
  const first = spc.points[0]!.label;
  const last = spc.points[spc.points.length - 1]!.label;
  const signals = spc.points.filter((point) => point.signals.length > 0);
  const yGrid = linearAxisLeft(yAxis, y, plot);
  const marks = [
    emptyElement('path', { d: stepPath(spc.points.map((point) => at(point.label, point.upper))), class: 'limit upper', ...dashed }),
    emptyElement('path', { d: stepPath(spc.points.map((point) => at(point.label, point.lower))), class: 'limit lower', ...dashed }),
    emptyElement('path', { d: linePath([at(first, centre), at(last, centre)]), class: 'centre', fill: 'none', stroke: COLOURS.reference }),
    emptyElement('path', { d: linePath(spc.points.map((point) => at(point.label, point.p))), class: 'rate', fill: 'none', stroke: COLOURS.primary, 'stroke-width': 2 }),
    group(spc.points.map((point) => dot(...at(point.label, point.p), 36, { fill: COLOURS.primary, 'data-period': point.label })), { class: 'points' }),
    group(signals.map((point) => diamond(...at(point.label, point.p), 110, { fill: COLOURS.signal, 'data-period': point.label })), { class: 'signals' }),
  ];
  return svgDocument({ width: layout.width, height: layout.height, label: title, title, body: [yGrid.grid, ...marks, yGrid.axis, bandAxisBottom(x, plot, xTitle)] });
}
