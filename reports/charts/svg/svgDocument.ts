import { assertSelfContained } from './assertSelfContained.js';
import { FONT_FAMILY, FONT_SIZE, PADDING } from './chartTheme.js';
import { attributes, textElement } from './svgElement.js';

/** Height in px of the band at the top that holds the chart's title. */
export const TITLE_BAND = FONT_SIZE.title + 14;

/** What a chart document needs: its size, its accessible name, its visible title and its drawn parts. */
export interface SvgDocumentOptions {
  width: number;
  height: number;
  /** The accessible name (`aria-label`). */
  label: string;
  /** The visible title, centred at the top. */
  title: string;
  /** Already-built SVG elements, drawn in order. */
  body: readonly string[];
}

/**
 * A standalone static SVG: `role="img"` with the accessible name first (report.html and tests
 * rely on `<svg role="img" aria-label="...`), a white background, the title, then the body.
 * `width`/`height` and a matching `viewBox`, so CSS can scale it down. Throws if it would reference
 * anything outside itself.
 */
export function svgDocument(options: SvgDocumentOptions): string {
  const { width, height } = options;
  const open = `<svg${attributes({
    role: 'img',
    'aria-label': options.label,
    xmlns: 'http://www.w3.org/2000/svg',
    width,
    height,
    viewBox: `0 0 ${Math.round(width)} ${Math.round(height)}`,
    'font-family': FONT_FAMILY,
  })}>`;
  const background = `<rect width="${Math.round(width)}" height="${Math.round(height)}" fill="white"/>`;
  const title = textElement(options.title, { x: width / 2, y: PADDING + FONT_SIZE.title, 'text-anchor': 'middle', 'font-size': FONT_SIZE.title, 'font-weight': 'bold' });
  const svg = `${open}${background}${title}${options.body.join('')}</svg>`;
  assertSelfContained(svg);
  return svg;
}
