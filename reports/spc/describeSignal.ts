import type { SpcReport } from './buildSpcReport.js';
import type { SpecialCause } from './specialCauses.js';

/** Plain words for a special cause, naming the periods it marks (e.g. "2023-03 to 2023-09"). */
export function describeSignal(cause: SpecialCause, unit: 'month' | 'quarter' = 'month'): string {
  const first = cause.labels[0] ?? '';
  const last = cause.labels[cause.labels.length - 1] ?? '';
  const span = cause.labels.length === 1 ? first : `${first} to ${last}`;
  switch (cause.kind) {
    case 'outside_limits':
      return `${span}: gap rate ${cause.direction} the ${cause.direction === 'above' ? 'upper' : 'lower'} control limit`;
    case 'shift':
      return `${span}: ${cause.labels.length} ${unit}s in a row ${cause.direction} the centre line (shift)`;
    case 'trend':
      return `${span}: ${cause.labels.length} ${unit}s in a row, each ${cause.direction === 'increasing' ? 'higher' : 'lower'} than the one before (trend)`;
  }
}

/** What was left out of a p-chart, in one sentence (docs/rules.md §9: the report says how many). */
export function describeLeftOut(spc: SpcReport, unit: 'month' | 'quarter' = 'month'): string {
  const shown = spc.points.length;
  const parts = [`${shown} of ${spc.months} complete ${unit}s charted`];
  parts.push(`${spc.suppressedMonths} left out as suppressed`);
  if (spc.emptyMonths > 0) parts.push(`${spc.emptyMonths} left out without open or closed episodes`);
  return `${parts.join('; ')}.`;
}

/** The advice printed when most months are suppressed (docs/rules.md §9), with what the report offers instead. */
export function quartersAdvice(spc: SpcReport, quartersShown: number): string {
  return (
    `Most complete index months are suppressed (${spc.suppressedMonths} of ${spc.months}): too few episodes per month to publish, ` +
    'so the monthly chart says little. ' +
    (quartersShown > 0
      ? 'Read the quarterly series instead (complete calendar quarters, each the sum of its months).'
      : 'Quarters are suppressed as well: chart a longer period or a larger population (for example several sites together).')
  );
}
