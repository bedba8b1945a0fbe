/**
 * Outer width of every full-width chart in px: the report's content column (1100 px page less its
 * padding), less a margin. Axes, labels and legends fit inside it; CSS still scales an SVG down on
 * narrower screens (the SVG has a viewBox).
 */
export const CHART_WIDTH = 1000;
