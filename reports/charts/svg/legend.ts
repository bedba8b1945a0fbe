import { estimateTextWidth } from '../estimateTextWidth.js';
import { FONT_SIZE } from './chartTheme.js';
import { dot, rect } from './shapes.js';
import { group, textElement } from './svgElement.js';

/** One entry of a legend: a swatch of the mark's colour and shape, and its label. */
export interface LegendEntry {
  label: string;
  colour: string;
  shape: 'circle' | 'square';
}

/** A legend laid out for a given width: its height, and its SVG once placed. */
export interface Legend {
  height: number;
  /** The legend with its top-left corner at (x, y). */
  render: (x: number, y: number) => string;
}

const ROW_HEIGHT = 16;
const SWATCH = 10;
const SWATCH_GAP = 4;
const ENTRY_GAP = 16;

/**
 * A legend under the plot: the bold title, then the entries in a row, wrapping onto further rows
 * (indented under the first entry) when they would run past `maxWidth` px. Labels are never cut.
 */
export function legend(title: string, entries: readonly LegendEntry[], maxWidth: number): Legend {
  const titleWidth = estimateTextWidth(title, FONT_SIZE.label, true) + ENTRY_GAP;
  const placed: Array<{ entry: LegendEntry; dx: number; row: number }> = [];
  let dx = titleWidth;
  let row = 0;
  for (const entry of entries) {
    const width = SWATCH + SWATCH_GAP + estimateTextWidth(entry.label, FONT_SIZE.label);
    if (dx > titleWidth && dx + width > maxWidth) {
      row++;
      dx = titleWidth;
    }
    placed.push({ entry, dx, row });
    dx += width + ENTRY_GAP;
  }
  const height = (row + 1) * ROW_HEIGHT;
  const render = (x: number, y: number): string => {
    const baseline = (rowIndex: number): number => y + rowIndex * ROW_HEIGHT + FONT_SIZE.label * 0.85;
    const middle = (rowIndex: number): number => y + rowIndex * ROW_HEIGHT + ROW_HEIGHT / 2 - 1.5;
    return group(
      [
        textElement(title, { x, y: baseline(0), 'font-size': FONT_SIZE.label, 'font-weight': 'bold' }),
        ...placed.flatMap(({ entry, dx: offset, row: rowIndex }) => [
          entry.shape === 'circle'
            ? dot(x + offset + SWATCH / 2, middle(rowIndex), (Math.PI * SWATCH * SWATCH) / 4, { fill: entry.colour })
            : rect(x + offset, middle(rowIndex) - SWATCH / 2, SWATCH, SWATCH, { fill: entry.colour }),
          textElement(entry.label, { x: x + offset + SWATCH + SWATCH_GAP, y: baseline(rowIndex), 'font-size': FONT_SIZE.label }),
        ]),
      ],
      { class: 'legend' },
    );
  };
  return { height, render };
}
