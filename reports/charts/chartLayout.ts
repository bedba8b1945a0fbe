/**
 * Outer width of every chart in px: the report's content column (1100 px page less its padding),
 * less a margin. Charts are sized to it with `autosize: fit`, so axes, labels and legends fit
 * inside rather than adding to it; CSS still scales an SVG down on narrower screens.
 */
export const CHART_WIDTH = 1000;

/** Vega-Lite autosize that makes `width` the chart's whole width, labels included. */
export const FIT_WIDTH = { type: 'fit-x', contains: 'padding' } as const;

/** Axis label settings for long category labels (stratum levels, sites): never cut. */
export const FULL_LABELS = { labelLimit: 0 } as const;
