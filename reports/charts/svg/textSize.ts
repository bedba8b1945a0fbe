import { estimateTextWidth } from '../estimateTextWidth.js';
import { FONT_SIZE } from './chartTheme.js';

/** Widest estimated width in px of `texts` at `fontSize` (0 when there are none). */
export function widestText(texts: readonly string[], fontSize: number = FONT_SIZE.label, bold = false): number {
  return texts.reduce((widest, text) => Math.max(widest, estimateTextWidth(text, fontSize, bold)), 0);
}
