import { backgroundEncounters } from './backgroundEncounters.js';
import { episodeEncounters } from './episodeEncounters.js';

/**
 * SQL selecting, per person of `person_plan`, the planted encounters as one row each (column `x`,
 * a struct), dropping anything dated after the person's data_end (as_of, or the death date). The
 * row order follows person order, so COPY writes the same bytes for the same seed.
 */
export function personEncountersSql(columns: string): string {
  return `select ${columns}, unnest(list_filter(flatten([${episodeEncounters()}, ${backgroundEncounters()}]), x -> x.d <= data_end)) as x
  from person_plan`;
}

/** A per-row pseudo-random test on a row's identity, for spelling variants (dots, dashes, blanks). */
export function rowDraw(parts: string, salt: string, percent: number): string {
  return `(hash(xor(hash(seed, ${parts}), hash('${salt}'))) % 100 < ${percent})`;
}
