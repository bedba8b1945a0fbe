/** A linear map from a data domain to pixels, with its tick values. */
export interface LinearScale {
  domain: readonly [number, number];
  range: readonly [number, number];
  /** Pixel position of `value` (not clamped). */
  (value: number): number;
}

/**
 * A linear scale from `domain` to `range` (pixels; range may run downwards, e.g. [height, 0] for a
 * y axis). A zero-width domain maps everything to the middle of the range.
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const scale = ((value: number) => (span === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / span) * (r1 - r0))) as LinearScale;
  return Object.assign(scale, { domain, range });
}

/**
 * The step between about `count` round ticks (1, 2 or 5 times a power of ten) over [start, stop],
 * as d3-array's tickStep chooses it. `integer` keeps the step at least 1 (counts).
 */
export function tickStep(start: number, stop: number, count: number, integer = false): number {
  const raw = Math.abs(stop - start) / Math.max(1, count);
  if (raw === 0 || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  const step = factor * power;
  return integer ? Math.max(1, step) : step;
}

/**
 * Round tick values from `start` to `stop` (inclusive when they fall on a step), about `count` of
 * them. Values are computed as multiples of the step so they carry no accumulated float error.
 */
export function ticks(start: number, stop: number, count: number, integer = false): number[] {
  const step = tickStep(start, stop, count, integer);
  const first = Math.ceil(start / step - 1e-9);
  const last = Math.floor(stop / step + 1e-9);
  const values: number[] = [];
  for (let index = first; index <= last; index++) values.push(Number((index * step).toPrecision(12)));
  return values;
}

/** [0, max] widened to the next round tick (a count axis starting at zero); [0, 1] when max <= 0. */
export function niceZeroDomain(max: number, count: number, integer = false): [number, number] {
  if (!(max > 0)) return [0, 1];
  const step = tickStep(0, max, count, integer);
  return [0, Number((Math.ceil(max / step - 1e-9) * step).toPrecision(12))];
}
