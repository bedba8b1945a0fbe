import type { ValueSetCsvRow } from './readValueSetCsv.js';
import { sqlTrim } from './sqlTrim.js';

/** One row of value_set_catalog. */
export interface ValueSetCatalogEntry {
  value_set: string;
  domain: string;
  description: string | null;
}

/** One row of value_set_code (the effective value sets). */
export interface ValueSetCode {
  value_set: string;
  code_system: string;
  code: string;
  is_pattern: boolean;
  literal_prefix: string;
  domain: string;
  display: string | null;
  ingredient: string | null;
  cover_days: number | null;
  strength: number | null;
  strength_unit: string | null;
  fracture_level: string | null;
  procedure_type: string | null;
  max_units: number | null;
  source: string | null;
  verified: string | null;
  origin_file: string;
  origin_line: number;
}

const dashedNdc = /^[0-9]{1,5}-[0-9]{1,4}-[0-9]{1,2}$/;

/** A value-set code normalised like event codes (docs/rules.md §1). */
function normalisedCode(codeSystem: string, raw: string): string {
  const code = sqlTrim(raw);
  if (codeSystem === 'NDC' && dashedNdc.test(code)) {
    const [labeler, product, pack] = code.split('-') as [string, string, string];
    return labeler.padStart(5, '0') + product.padStart(4, '0') + pack.padStart(2, '0');
  }
  return code.toUpperCase().replace(/[.-]/g, '');
}

const trimmed = (value: string | null | undefined): string | null => (value == null ? null : sqlTrim(value));
const numberOf = (value: string | null | undefined): number | null => (value == null ? null : Number(sqlTrim(value)));

/** Byte-order comparison (both engines' order under collation "C"; UTF-16 order equals it outside surrogates). */
const byBytes = (left: string, right: string): number => (left < right ? -1 : left > right ? 1 : 0);

/**
 * The effective value sets from checked rows (checkValueSetRows first). value_set_catalog: one row
 * per trimmed value set, the row loaded last winning. value_set_code: codes normalised like event
 * codes (trim, upper-case, dots and dashes dropped, a dashed NDC padded to 5-4-2), one row per
 * (value_set, code_system, code), the row loaded last winning, sorted by those three. A code with
 * `%` or `_` is a LIKE pattern, except in CAREGAP, whose own codes (CALCIUM_SUPPLEMENT) contain
 * underscores; literal_prefix is the code up to its first wildcard. domain is the catalog's, else
 * 'any'. Limit: a whole-number cover_days beyond the integer range is not caught.
 */
export function effectiveValueSets(
  valueSetRows: readonly ValueSetCsvRow[],
  catalogRows: readonly ValueSetCsvRow[],
): { catalog: ValueSetCatalogEntry[]; codes: ValueSetCode[] } {
  // Rows arrive in load order, so a later row simply replaces an earlier one with the same key.
  const catalogByName = new Map<string, ValueSetCatalogEntry>();
  for (const { values } of catalogRows) {
    const valueSet = sqlTrim(values.value_set!);
    catalogByName.set(valueSet, { value_set: valueSet, domain: sqlTrim(values.domain!), description: values.description ?? null });
  }
  const codesByKey = new Map<string, ValueSetCode>();
  for (const { file, line, values } of valueSetRows) {
    const valueSet = sqlTrim(values.value_set!);
    const codeSystem = sqlTrim(values.code_system!).toUpperCase();
    const code = normalisedCode(codeSystem, values.code!);
    const coverDays = numberOf(values.cover_days);
    codesByKey.set(JSON.stringify([valueSet, codeSystem, code]), {
      value_set: valueSet,
      code_system: codeSystem,
      code,
      is_pattern: codeSystem !== 'CAREGAP' && /[%_]/.test(code),
      literal_prefix: /^[^%_]*/.exec(code)![0],
      domain: catalogByName.get(valueSet)?.domain ?? 'any',
      display: values.display ?? null,
      ingredient: values.ingredient ?? null,
      cover_days: coverDays === null ? null : Math.trunc(coverDays),
      strength: numberOf(values.strength),
      strength_unit: trimmed(values.strength_unit),
      fracture_level: trimmed(values.fracture_level),
      procedure_type: trimmed(values.procedure_type),
      max_units: numberOf(values.max_units),
      source: values.source ?? null,
      verified: trimmed(values.verified),
      origin_file: file,
      origin_line: line,
    });
  }
  const codes = [...codesByKey.values()].sort(
    (left, right) =>
      byBytes(left.value_set, right.value_set) || byBytes(left.code_system, right.code_system) || byBytes(left.code, right.code),
  );
  const catalog = [...catalogByName.values()];
  return { catalog, codes };
}
