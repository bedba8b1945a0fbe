/** The rectangle of a chart where the marks go, in px of the SVG. */
export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Right edge of the plot area. */
export const plotRight = (plot: PlotArea): number => plot.left + plot.width;

/** Bottom edge of the plot area. */
export const plotBottom = (plot: PlotArea): number => plot.top + plot.height;
