import type { BandScale } from './bandScale.js';
import { COLOURS, FONT_SIZE, TICK } from './chartTheme.js';
import type { LinearAxisSpec } from './linearAxisSpec.js';
import { tickLabels } from './linearAxisSpec.js';
import type { LinearScale } from './linearScale.js';
import { plotBottom, plotRight, type PlotArea } from './plotArea.js';
import { formatCoordinate } from './formatNumber.js';
import { line } from './shapes.js';
import { group, textElement } from './svgElement.js';
import { widestText } from './textSize.js';

/** Space between the tick labels and the rotated axis title, in px. */
const TITLE_GAP = 8;

/** Shifts a label's baseline so the text is centred vertically on its tick. */
const MIDDLE = FONT_SIZE.label * 0.35;

/** Width in px a category axis takes left of the plot: the longest label (estimated) and the tick. */
export function bandAxisLeftWidth(labels: readonly string[]): number {
  return TICK.size + TICK.gap + widestText(labels);
}

/** A category axis left of the plot: one tick and one right-aligned label (never cut) at each band's centre. */
export function bandAxisLeft(scale: BandScale, plot: PlotArea): string {
  const labelX = plot.left - TICK.size - TICK.gap;
  return group(
    [
      line(plot.left, plot.top, plot.left, plotBottom(plot), { stroke: COLOURS.axis }),
      ...scale.categories.map((category) => line(plot.left - TICK.size, scale.centre(category), plot.left, scale.centre(category), { stroke: COLOURS.axis })),
      ...scale.categories.map((category) => textElement(category, { x: labelX, y: scale.centre(category) + MIDDLE, 'text-anchor': 'end', 'font-size': FONT_SIZE.label })),
    ],
    { class: 'axis' },
  );
}

/** Width in px a quantitative axis takes left of the plot: ticks, the widest label and the rotated title. */
export function linearAxisLeftWidth(spec: LinearAxisSpec): number {
  return TICK.size + TICK.gap + widestText(tickLabels(spec)) + (spec.title ? TITLE_GAP + FONT_SIZE.axisTitle : 0);
}

/**
 * A quantitative axis left of the plot: domain line, ticks, right-aligned labels, the title turned
 * a quarter left and centred on the plot's height, and (with `grid`) light horizontal gridlines.
 */
export function linearAxisLeft(spec: LinearAxisSpec, scale: LinearScale, plot: PlotArea, grid = true): { grid: string; axis: string } {
  const labelX = plot.left - TICK.size - TICK.gap;
  const gridLines = grid ? spec.values.map((value) => line(plot.left, scale(value), plotRight(plot), scale(value), { stroke: COLOURS.grid })) : [];
  const parts = [
    line(plot.left, plot.top, plot.left, plotBottom(plot), { stroke: COLOURS.axis }),
    ...spec.values.map((value) => line(plot.left - TICK.size, scale(value), plot.left, scale(value), { stroke: COLOURS.axis })),
    ...spec.values.map((value) => textElement(spec.format(value), { x: labelX, y: scale(value) + MIDDLE, 'text-anchor': 'end', 'font-size': FONT_SIZE.label })),
  ];
  if (spec.title) {
    // The baseline sits next to the labels; the rotated glyphs rise to the left of it.
    const x = labelX - widestText(tickLabels(spec)) - TITLE_GAP;
    const y = plot.top + plot.height / 2;
    parts.push(textElement(spec.title, { transform: `translate(${formatCoordinate(x)},${formatCoordinate(y)}) rotate(-90)`, 'text-anchor': 'middle', 'font-size': FONT_SIZE.axisTitle, 'font-weight': 'bold' }));
  }
  return { grid: group(gridLines, { class: 'grid' }), axis: group(parts, { class: 'axis' }) };
}
