/**
 * Helvetica/Arial advance widths (1/1000 em) of printable ASCII, from the standard Helvetica AFM.
 * Characters outside it count as a wide lowercase letter.
 */
const WIDTHS: Record<string, number> = Object.fromEntries(
  [
    [' !', 278], ['"', 355], ['#$', 556], ['%', 889], ['&', 667], ["'", 191], ['()', 333], ['*', 389], ['+<=>~', 584],
    [',./:;[\\]', 278], ['-', 333], ['0123456789', 556], ['?', 556], ['@', 1015], ['ABEKPSVXY', 667], ['CDHNRUw', 722],
    ['FTZ', 611], ['GOQ', 778], ['I', 278], ['J', 500], ['L', 556], ['M', 833], ['W', 944], ['^', 469], ['_', 556], ['`', 333],
    ['abdeghnopqu', 556], ['cksvxyz', 500], ['fti', 278], ['jl', 222], ['m', 833], ['r', 333], ['{}', 334], ['|', 260],
  ].flatMap(([chars, width]) => [...(chars as string)].map((char) => [char, width as number])),
);

/**
 * The font the browser really uses for system-ui differs per platform (DejaVu Sans on Debian is
 * about 10% wider than Helvetica): estimates err wide, so a label never runs outside its chart.
 */
const SAFETY = 1.15;

/**
 * Estimated width in px of `text` at `fontSize` px (bold 8% wider). The charts size their margins
 * and legends with it (no font is measured when the SVG is drawn), so no label runs outside its
 * chart. Limits: no kerning, no font fallback.
 */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const char of text) units += WIDTHS[char] ?? 600;
  return Math.ceil((units / 1000) * fontSize * SAFETY * (bold ? 1.08 : 1));
}
