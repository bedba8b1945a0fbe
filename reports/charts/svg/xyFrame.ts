import { linearAxisBottom, linearAxisBottomHeight, linearAxisBottomOverhang } from './axisBottom.js';
import { linearAxisLeft, linearAxisLeftWidth } from './axisLeft.js';
import { frameLayout } from './frameLayout.js';
import type { LinearAxisSpec } from './linearAxisSpec.js';
import { linearScale, type LinearScale } from './linearScale.js';
import type { PlotArea } from './plotArea.js';
import { svgDocument } from './svgDocument.js';

/** A chart with two quantitative axes (curves, histograms). Give a whole `width` or a `plotWidth`. */
export interface XyFrameOptions {
  title: string;
  /** Accessible name of the SVG. */
  label: string;
  width?: number;
  plotWidth?: number;
  plotHeight: number;
  xAxis: LinearAxisSpec;
  yAxis: LinearAxisSpec;
}

/** The laid-out chart: plot area, both scales, and `render` to wrap the marks into the SVG. */
export interface XyFrame {
  plot: PlotArea;
  x: LinearScale;
  y: LinearScale;
  /** The whole SVG: gridlines, then `marks`, then the axes on top. */
  render: (marks: readonly string[]) => string;
}

/** Lays out a chart with quantitative x and y axes, margins sized from their (estimated) label widths. */
export function xyFrame(options: XyFrameOptions): XyFrame {
  const overhang = linearAxisBottomOverhang(options.xAxis);
  const layout = frameLayout({
    title: options.title,
    ...(options.width !== undefined ? { width: options.width } : {}),
    ...(options.plotWidth !== undefined ? { plotWidth: options.plotWidth } : {}),
    plotHeight: options.plotHeight,
    margins: { left: Math.max(linearAxisLeftWidth(options.yAxis), overhang.left), right: overhang.right, bottom: linearAxisBottomHeight(options.xAxis) },
  });
  const { plot } = layout;
  const x = linearScale(options.xAxis.domain, [plot.left, plot.left + plot.width]);
  const y = linearScale(options.yAxis.domain, [plot.top + plot.height, plot.top]);
  const render = (marks: readonly string[]): string => {
    const xAxis = linearAxisBottom(options.xAxis, x, plot);
    const yAxis = linearAxisLeft(options.yAxis, y, plot);
    return svgDocument({ width: layout.width, height: layout.height, label: options.label, title: options.title, body: [xAxis.grid, yAxis.grid, ...marks, xAxis.axis, yAxis.axis] });
  };
  return { plot, x, y, render };
}
