import { formatPercent } from './formatNumber.js';
import type { LinearAxisSpec } from './linearAxisSpec.js';

/** A rate (share) axis over [0, 1] labelled in whole percents (`40%`), ticks every 10%. */
export function rateAxis(title: string | null): LinearAxisSpec {
  return { domain: [0, 1], values: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1], format: formatPercent, title };
}
