import { backgroundEncounters } from './backgroundEncounters.js';
import type { EncounterKind, Template } from './encounter.js';
import { episodeEncounters } from './episodeEncounters.js';

/** The kinds of encounters a template can produce. */
function kindsOf(template: Template): EncounterKind[] {
  return [...template.x.matchAll(/t: '(prof|ip|op|rx|reg)'/g)].map((match) => match[1] as EncounterKind);
}

/**
 * SQL selecting the planted encounters as rows (`columns` of person_plan plus `x`, a struct), one
 * UNION ALL branch per template, dropping anything dated after the person's data_end (as_of, or
 * the death date). DuckDB keeps the order of UNION ALL branches and of table scans, so COPY writes
 * the same bytes for the same seed. `kinds` keeps only templates producing those kinds.
 */
export function personEncountersSql(columns: string, kinds?: readonly EncounterKind[]): string {
  const templates = [...episodeEncounters(), ...backgroundEncounters()].filter(
    (template) => kinds === undefined || kindsOf(template).some((kind) => kinds.includes(kind)),
  );
  return templates
    .map((template) => `select ${columns}, x from (select ${columns}, data_end, ${template.x} as x from person_plan where ${template.where}) where x.d <= data_end`)
    .join('\nunion all\n');
}

/** A per-row pseudo-random test on a row's identity, for spelling variants (dots, dashes, blanks). */
export function rowDraw(parts: string, salt: string, percent: number): string {
  return `(hash(xor(hash(seed, ${parts}), hash('${salt}'))) % 100 < ${percent})`;
}
