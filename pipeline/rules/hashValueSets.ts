import { createHash } from 'node:crypto';
import { doubleText } from './doubleText.js';
import type { ValueSetCode } from './effectiveValueSets.js';

/**
 * SHA-256 (hex) of the effective value sets (sorted as effectiveValueSets returns them): every
 * semantic column, tab-separated, a missing value as empty text, numbers as DuckDB writes them,
 * rows joined by line feeds. The same text as when DuckDB computed it, so earlier manifests compare.
 */
export function hashValueSetCodes(codes: readonly ValueSetCode[]): string {
  const text = (value: string | null): string => value ?? '';
  const number = (value: number | null): string => (value === null ? '' : doubleText(value));
  const lines = codes.map((row) =>
    [
      row.value_set,
      row.code_system,
      row.code,
      row.domain,
      text(row.display),
      text(row.ingredient),
      row.cover_days === null ? '' : String(row.cover_days),
      number(row.strength),
      text(row.strength_unit),
      text(row.fracture_level),
      text(row.procedure_type),
      number(row.max_units),
      text(row.source),
      text(row.verified),
    ].join('\t'),
  );
  return createHash('sha256').update(lines.join('\n'), 'utf8').digest('hex');
}
