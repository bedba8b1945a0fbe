import { bandAxisLeft, bandAxisLeftWidth } from './axisLeft.js';
import { linearAxisBottom, linearAxisBottomHeight, linearAxisBottomOverhang } from './axisBottom.js';
import { bandScale, type BandScale } from './bandScale.js';
import { legend as layoutLegend, type LegendEntry } from './legend.js';
import type { LinearAxisSpec } from './linearAxisSpec.js';
import { linearScale, type LinearScale } from './linearScale.js';
import type { PlotArea } from './plotArea.js';
import { frameLayout } from './frameLayout.js';
import { svgDocument } from './svgDocument.js';

/** A chart of labelled rows along a quantitative x axis (forest plots, horizontal bars). */
export interface RowsFrameOptions {
  title: string;
  /** Accessible name of the SVG. */
  label: string;
  width: number;
  /** Row labels, top to bottom (each drawn in full left of the plot). */
  rows: readonly string[];
  plotHeight: number;
  xAxis: LinearAxisSpec;
  legend?: { title: string; entries: readonly LegendEntry[] };
}

/** The laid-out rows chart: its plot area and scales, and `render` to wrap the marks into the SVG. */
export interface RowsFrame {
  plot: PlotArea;
  x: LinearScale;
  y: BandScale;
  /** The whole SVG: gridlines, then `marks`, then axes and legend on top. */
  render: (marks: readonly string[]) => string;
}

/**
 * Lays out a rows chart: the left margin is the longest row label (estimated, never cut), the
 * right margin leaves room for half the last x label; rows get equal bands over `plotHeight`.
 */
export function rowsFrame(options: RowsFrameOptions): RowsFrame {
  const overhang = linearAxisBottomOverhang(options.xAxis);
  const layout = frameLayout({
    title: options.title,
    width: options.width,
    plotHeight: options.plotHeight,
    margins: { left: Math.max(bandAxisLeftWidth(options.rows), overhang.left), right: overhang.right, bottom: linearAxisBottomHeight(options.xAxis) },
    ...(options.legend ? { legend: (maxWidth: number) => layoutLegend(options.legend!.title, options.legend!.entries, maxWidth) } : {}),
  });
  const { plot } = layout;
  const x = linearScale(options.xAxis.domain, [plot.left, plot.left + plot.width]);
  const y = bandScale(options.rows, [plot.top, plot.top + plot.height]);
  const render = (marks: readonly string[]): string => {
    const xAxis = linearAxisBottom(options.xAxis, x, plot);
    return svgDocument({
      width: layout.width,
      height: layout.height,
      label: options.label,
      title: options.title,
      body: [xAxis.grid, ...marks, xAxis.axis, bandAxisLeft(y, plot), layout.legend ? layout.legend.legend.render(layout.legend.x, layout.legend.y) : ''],
    });
  };
  return { plot, x, y, render };
}
