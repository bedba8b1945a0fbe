import { estimateTextWidth } from '../estimateTextWidth.js';
import { FONT_SIZE, PADDING } from './chartTheme.js';
import type { Legend } from './legend.js';
import type { PlotArea } from './plotArea.js';
import { TITLE_BAND } from './svgDocument.js';

/** Room in px the axes need around the plot area (labels included). */
export interface FrameMargins {
  left: number;
  right: number;
  bottom: number;
}

/** What to lay out: the chart's title, plot size (a total width or a plot width) and axis margins. */
export interface FrameOptions {
  title: string;
  /** Whole width of the chart in px, labels included; or give `plotWidth` instead. */
  width?: number;
  /** Width of the plot area alone; the chart is as wide as it needs around it. */
  plotWidth?: number;
  plotHeight: number;
  margins: FrameMargins;
  /** A legend under the axes, laid out for the width it gets. */
  legend?: (maxWidth: number) => Legend;
}

/** Where everything goes: whole size (whole px), the plot area, and the legend's top-left corner. */
export interface FrameLayout {
  width: number;
  height: number;
  plot: PlotArea;
  legend: { x: number; y: number; legend: Legend } | null;
}

/** Gap in px between the axis title and the legend. */
const LEGEND_GAP = 10;

/**
 * Lays a chart out: the title band on top, the plot inset by the axes' margins and the padding,
 * the legend under the bottom axis. With `plotWidth` the width grows to fit the margins and the
 * title, so no text falls outside the SVG.
 */
export function frameLayout(options: FrameOptions): FrameLayout {
  const { margins } = options;
  const titleWidth = estimateTextWidth(options.title, FONT_SIZE.title, true) + 2 * PADDING;
  const width =
    options.width ?? Math.ceil(Math.max(titleWidth, 2 * PADDING + margins.left + (options.plotWidth ?? 0) + margins.right));
  const plot: PlotArea = {
    left: PADDING + margins.left,
    top: TITLE_BAND,
    width: Math.max(1, width - 2 * PADDING - margins.left - margins.right),
    height: options.plotHeight,
  };
  const axesBottom = plot.top + plot.height + margins.bottom;
  const legend = options.legend ? { x: PADDING, y: axesBottom + LEGEND_GAP, legend: options.legend(width - 2 * PADDING) } : null;
  const height = Math.ceil((legend ? legend.y + legend.legend.height : axesBottom) + PADDING);
  return { width, height, plot, legend };
}
