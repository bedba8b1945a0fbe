import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { estimateTextWidth } from './estimateTextWidth.js';

// Headless Vega has no canvas to measure text: use a per-character estimate instead of its own
// (see estimateTextWidth), so label and plot widths come out close to what a browser draws.
/** vega-scenegraph's text measurer, re-exported by vega at runtime but missing from its typings. */
const textMetrics = (vega as unknown as { textMetrics: { width: (item: never, text: unknown) => number } }).textMetrics;
textMetrics.width = (item: { fontSize?: number; fontWeight?: string | number }, text: unknown): number => {
  const value = text == null ? '' : String(text).trim();
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  return estimateTextWidth(value, item.fontSize != null ? Number(item.fontSize) || 0 : 11, bold);
};

/** Shared look of every chart: system fonts only, so the SVG needs nothing from outside. */
const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12 },
};

/** Nothing may be loaded while rendering: every chart's data is inline. */
const OFFLINE_LOADER = {
  load: async (uri: string): Promise<string> => {
    throw new Error(`chart tried to load ${uri}: charts must be offline`);
  },
  sanitize: async (uri: string): Promise<{ href: string }> => {
    throw new Error(`chart tried to load ${uri}: charts must be offline`);
  },
  http: async (): Promise<string> => {
    throw new Error('chart tried to use the network');
  },
  file: async (): Promise<string> => {
    throw new Error('chart tried to read a file');
  },
};

/**
 * Renders a Vega-Lite spec (data inline) to a static SVG string with Vega's headless SVG renderer:
 * no browser, no canvas module (text widths are estimated), no network (the loader refuses every
 * load). Throws if the SVG would reference anything outside itself. `title` becomes the SVG's
 * accessible name.
 */
export async function renderVegaLite(spec: TopLevelSpec, title: string): Promise<string> {
  // Back to the event loop before each chart's long synchronous work: a run renders the charts while
  // DuckDB writes the other outputs, and this lets it start DuckDB's next statement without waiting
  // for the last chart (see prepareReports).
  await new Promise<void>((resolve) => setImmediate(resolve));
  const vegaSpec = compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', loader: OFFLINE_LOADER as never });
  try {
    const svg = await view.toSVG();
    const external = svg.replaceAll('http://www.w3.org/2000/svg', '').replaceAll('http://www.w3.org/1999/xlink', '').match(/(?:https?:|url\(|@import|<script)/i);
    if (external) throw new Error(`chart SVG references something outside itself: ${external[0]}`);
    return svg.replace('<svg ', `<svg role="img" aria-label="${escapeAttribute(title)}" `);
  } finally {
    view.finalize();
  }
}

function escapeAttribute(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}
