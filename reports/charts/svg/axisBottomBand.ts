import type { BandScale } from './bandScale.js';
import { COLOURS, FONT_SIZE, TICK } from './chartTheme.js';
import { formatCoordinate } from './formatNumber.js';
import { plotBottom, type PlotArea } from './plotArea.js';
import { line } from './shapes.js';
import { group, textElement } from './svgElement.js';
import { widestText } from './textSize.js';

/** Labels are turned 45° to the left, so long period labels never collide. */
const SLANT = Math.SQRT1_2;

/** Space between the slanted labels and the axis title, in px. */
const TITLE_GAP = 8;

/** Height in px a slanted category axis takes under the plot: ticks, slanted labels and title. */
export function bandAxisBottomHeight(labels: readonly string[], title: string | null): number {
  const labelDrop = (widestText(labels) + FONT_SIZE.label) * SLANT;
  return TICK.size + TICK.gap + labelDrop + (title ? TITLE_GAP + FONT_SIZE.axisTitle : 0) + 3;
}

/**
 * How far in px the first slanted label may reach left of its tick (the label ends at its tick and
 * runs down to the left); the caller keeps that much room left of the plot.
 */
export function bandAxisBottomLeftReach(labels: readonly string[]): number {
  return (widestText(labels.slice(0, 1)) + FONT_SIZE.label) * SLANT;
}

/**
 * A category axis under the plot (the p-chart's periods): a tick at each band's centre and its
 * label slanted 45° ending at the tick, every category of the scale labelled (also those without a
 * mark), and the title centred under the labels.
 */
export function bandAxisBottom(scale: BandScale, plot: PlotArea, title: string | null): string {
  const bottom = plotBottom(plot);
  const labelTop = bottom + TICK.size + TICK.gap;
  const parts = [
    line(plot.left, bottom, plot.left + plot.width, bottom, { stroke: COLOURS.axis }),
    ...scale.categories.map((category) => line(scale.centre(category), bottom, scale.centre(category), bottom + TICK.size, { stroke: COLOURS.axis })),
    ...scale.categories.map((category) =>
      textElement(category, {
        transform: `translate(${formatCoordinate(scale.centre(category))},${formatCoordinate(labelTop)}) rotate(-45)`,
        dy: '0.35em',
        'text-anchor': 'end',
        'font-size': FONT_SIZE.label,
      }),
    ),
  ];
  if (title) {
    const labelDrop = (widestText(scale.categories) + FONT_SIZE.label) * SLANT;
    const titleBaseline = labelTop + labelDrop + TITLE_GAP + FONT_SIZE.axisTitle * 0.8;
    parts.push(textElement(title, { x: plot.left + plot.width / 2, y: titleBaseline, 'text-anchor': 'middle', 'font-size': FONT_SIZE.axisTitle, 'font-weight': 'bold' }));
  }
  return group(parts, { class: 'axis' });
}
