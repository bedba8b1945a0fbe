/** The z value of a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** A proportion with its 95% Wilson score interval. */
export interface Proportion {
  rate: number;
  lower: number;
  upper: number;
}

/**
 * Proportion `successes / trials` with its 95% Wilson score interval (Wilson 1927), which stays
 * inside [0, 1] and behaves at 0 and at n. Returns null when trials is 0 (no rate exists).
 */
export function wilsonInterval(successes: number, trials: number): Proportion | null {
  if (trials <= 0) return null;
  if (successes < 0 || successes > trials) {
    throw new RangeError(`wilsonInterval: successes ${successes} outside 0..${trials}`);
  }
  const p = successes / trials;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return {
    rate: p,
    lower: Math.max(0, centre - half),
    upper: Math.min(1, centre + half),
  };
}
