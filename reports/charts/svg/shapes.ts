import { emptyElement, type Attributes } from './svgElement.js';
import { formatCoordinate as num } from './formatNumber.js';

/** A straight line from (x1, y1) to (x2, y2). */
export function line(x1: number, y1: number, x2: number, y2: number, attrs: Attributes): string {
  return emptyElement('line', { x1, y1, x2, y2, ...attrs });
}

/** A rectangle; negative sizes are turned around so the rectangle is always drawn. */
export function rect(x: number, y: number, width: number, height: number, attrs: Attributes): string {
  return emptyElement('rect', { x: Math.min(x, x + width), y: Math.min(y, y + height), width: Math.abs(width), height: Math.abs(height), ...attrs });
}

/** A filled dot whose area is `size` px² (the point size of the Vega-Lite charts this replaced), centred on (x, y). */
export function dot(x: number, y: number, size: number, attrs: Attributes): string {
  return emptyElement('circle', { cx: x, cy: y, r: Math.sqrt(size / Math.PI), ...attrs });
}

/** A diamond of point `size` (its half-diagonal is sqrt(size) / 2) centred on (x, y), as a path. */
export function diamond(x: number, y: number, size: number, attrs: Attributes): string {
  const half = Math.sqrt(size) / 2;
  return emptyElement('path', { d: `M${num(x - half)},${num(y)}L${num(x)},${num(y - half)}L${num(x + half)},${num(y)}L${num(x)},${num(y + half)}Z`, ...attrs });
}

/** One of the points as `x,y`. */
type Point = readonly [number, number];

/** Path data of a line through the points, in order ('' when there are none). */
export function linePath(points: readonly Point[]): string {
  return points.map(([x, y], index) => `${index === 0 ? 'M' : 'L'}${num(x)},${num(y)}`).join('');
}

/**
 * Path data of a step line that changes level half-way between neighbouring points (d3's
 * curveStep): each point's value holds around its own x.
 */
export function stepPath(points: readonly Point[]): string {
  return points
    .map(([x, y], index) => {
      if (index === 0) return `M${num(x)},${num(y)}`;
      const middle = (points[index - 1]![0] + x) / 2;
      return `H${num(middle)}V${num(y)}H${num(x)}`;
    })
    .join('');
}

/**
 * Path data of a step line that holds each value until the next point (d3's curveStepAfter):
 * a survival curve, whose value changes at the event time.
 */
export function stepAfterPath(points: readonly Point[]): string {
  return points.map(([x, y], index) => (index === 0 ? `M${num(x)},${num(y)}` : `H${num(x)}V${num(y)}`)).join('');
}
