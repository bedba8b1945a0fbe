import type { StratumDimension } from '../aggregates/rawAggregates.js';

/** Reader-facing name of a stratum dimension. */
export const DIMENSION_LABELS: Record<StratumDimension, string> = {
  age_band: 'Age band',
  sex: 'Sex',
  fracture_level: 'Fracture level',
  site: 'Site',
  payer: 'Payer',
};

const STEP_LABELS: Record<string, string> = {
  unknown_age: 'Excluded: no birth date (unknown_age)',
  age_under_min: 'Excluded: under the minimum age (age_under_min)',
  malignancy: 'Excluded: malignancy (malignancy)',
  died: 'Excluded: died in the window (died)',
  not_enrolled: 'Excluded: not continuously enrolled (not_enrolled)',
  not_applicable: 'Not applicable to this rule (not_applicable)',
  prospective: 'Window still running (prospective)',
  in_progress_judged: 'In-progress cohort, already closed or open (window not over: never in a rate)',
};

/** Reader-facing label of an attrition step. */
export function stepLabel(step: string): string {
  return STEP_LABELS[step] ?? `Excluded: ${step}`;
}

/** The caveat docs/rules.md §5 requires next to rule B when the inputs cannot show supplements. */
export const SUPPLEMENTS_CAVEAT =
  'These inputs cannot show over-the-counter calcium and vitamin D supplements (claims are not billed for them): ' +
  'many open gaps of this rule may be supplements bought over the counter.';
