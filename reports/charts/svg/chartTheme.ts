/** System fonts only, so the SVG needs nothing from outside. */
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

/** Font sizes in px: tick and legend labels, axis and legend titles, the chart's title. */
export const FONT_SIZE = { label: 11, axisTitle: 12, title: 13 } as const;

/** Space in px around the whole chart, kept free of any mark or text. */
export const PADDING = 6;

/** Length of an axis tick and the gap between a tick and its label, in px. */
export const TICK = { size: 5, gap: 3 } as const;

/** Colours of the axes and texts and of the marks the charts share. */
export const COLOURS = {
  text: '#000',
  axis: '#888',
  grid: '#ddd',
  primary: '#1f5fa8',
  interval: '#7f8c8d',
  reference: '#b03a2e',
  signal: '#d35400',
} as const;
