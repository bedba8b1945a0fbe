import { COLOURS, FONT_SIZE, TICK } from './chartTheme.js';
import type { LinearAxisSpec } from './linearAxisSpec.js';
import { tickLabels } from './linearAxisSpec.js';
import type { LinearScale } from './linearScale.js';
import { plotBottom, type PlotArea } from './plotArea.js';
import { line } from './shapes.js';
import { group, textElement } from './svgElement.js';
import { widestText } from './textSize.js';

/** Space between the tick labels and the axis title, in px. */
const TITLE_GAP = 8;

/** Height in px a bottom axis takes below the plot: ticks, labels and title. */
export function linearAxisBottomHeight(spec: LinearAxisSpec): number {
  return TICK.size + TICK.gap + FONT_SIZE.label + (spec.title ? TITLE_GAP + FONT_SIZE.axisTitle : 0) + 3;
}

/** How far in px the first and last tick labels may reach beyond the plot's left and right edges (labels are centred on their tick). */
export function linearAxisBottomOverhang(spec: LinearAxisSpec): { left: number; right: number } {
  const labels = tickLabels(spec);
  return { left: widestText(labels.slice(0, 1)) / 2, right: widestText(labels.slice(-1)) / 2 };
}

/**
 * A quantitative axis under the plot: domain line, ticks, labels centred under them, the title
 * centred under the plot, and (with `grid`) light vertical gridlines across the plot.
 */
export function linearAxisBottom(spec: LinearAxisSpec, scale: LinearScale, plot: PlotArea, grid = true): { grid: string; axis: string } {
  const bottom = plotBottom(plot);
  const gridLines = grid ? spec.values.map((value) => line(scale(value), plot.top, scale(value), bottom, { stroke: COLOURS.grid })) : [];
  const labelBaseline = bottom + TICK.size + TICK.gap + FONT_SIZE.label * 0.8;
  const parts = [
    line(plot.left, bottom, plot.left + plot.width, bottom, { stroke: COLOURS.axis }),
    ...spec.values.map((value) => line(scale(value), bottom, scale(value), bottom + TICK.size, { stroke: COLOURS.axis })),
    ...spec.values.map((value) => textElement(spec.format(value), { x: scale(value), y: labelBaseline, 'text-anchor': 'middle', 'font-size': FONT_SIZE.label })),
  ];
  if (spec.title) {
    const titleBaseline = bottom + TICK.size + TICK.gap + FONT_SIZE.label + TITLE_GAP + FONT_SIZE.axisTitle * 0.8;
    parts.push(textElement(spec.title, { x: plot.left + plot.width / 2, y: titleBaseline, 'text-anchor': 'middle', 'font-size': FONT_SIZE.axisTitle, 'font-weight': 'bold' }));
  }
  return { grid: group(gridLines, { class: 'grid' }), axis: group(parts, { class: 'axis' }) };
}
