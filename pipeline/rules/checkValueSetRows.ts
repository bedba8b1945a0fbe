import { codeSystems, valueSetDomains } from './codeSystems.js';
import type { ValueSetCsvRow } from './readValueSetCsv.js';
import { sqlTrim } from './sqlTrim.js';

const wholeNumber = /^[+-]?[0-9]+$/;
const decimalNumber = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const fractureLevels = ['lumbar', 'thoracic', 'unspecified'];
const procedureTypes = ['vertebroplasty', 'kyphoplasty', 'unspecified'];

const blank = (value: string | null): boolean => value === null || sqlTrim(value) === '';

/** What is wrong with one value-set row, or null: the checks in the order they are reported. */
function valueSetRowProblem(values: Record<string, string | null>): string | null {
  const { value_set, code_system, code, cover_days, strength, max_units, fracture_level, procedure_type } = values;
  if (blank(value_set ?? null)) return 'value_set is empty';
  if (blank(code_system ?? null)) return 'code_system is empty';
  if (blank(code ?? null)) return 'code is empty';
  if (!(codeSystems as readonly string[]).includes(sqlTrim(code_system!).toUpperCase())) {
    return `unknown code_system "${code_system}" (expected one of ${codeSystems.join(', ')})`;
  }
  if (cover_days != null && !wholeNumber.test(sqlTrim(cover_days))) return `cover_days "${cover_days}" is not a whole number`;
  if (strength != null && !decimalNumber.test(sqlTrim(strength))) return `strength "${strength}" is not a number`;
  if (max_units != null && !decimalNumber.test(sqlTrim(max_units))) return `max_units "${max_units}" is not a number`;
  if (fracture_level != null && !fractureLevels.includes(sqlTrim(fracture_level))) {
    return `fracture_level "${fracture_level}" is not lumbar, thoracic or unspecified`;
  }
  if (procedure_type != null && !procedureTypes.includes(sqlTrim(procedure_type))) {
    return `procedure_type "${procedure_type}" is not vertebroplasty, kyphoplasty or unspecified`;
  }
  return null;
}

/** What is wrong with one catalog row, or null. */
function catalogRowProblem(values: Record<string, string | null>): string | null {
  const { value_set, domain } = values;
  if (blank(value_set ?? null)) return 'value_set is empty';
  if (domain == null || !(valueSetDomains as readonly string[]).includes(sqlTrim(domain))) {
    return `unknown domain "${domain ?? ''}" (expected one of ${valueSetDomains.join(', ')})`;
  }
  return null;
}

/**
 * Checks every value-set row, then every catalog row, each in load order; throws
 * "value sets: FILE:LINE: problem" for the first bad one: an empty key field, an unknown code system
 * or domain, a cover_days that is not a whole number, a strength or max_units that is not a decimal
 * number (no hexadecimal, no infinity), an unknown fracture_level or procedure_type.
 */
export function checkValueSetRows(valueSetRows: readonly ValueSetCsvRow[], catalogRows: readonly ValueSetCsvRow[]): void {
  for (const [rows, problemOf] of [[valueSetRows, valueSetRowProblem], [catalogRows, catalogRowProblem]] as const) {
    for (const row of rows) {
      const problem = problemOf(row.values);
      if (problem !== null) throw new Error(`value sets: ${row.file}:${row.line}: ${problem}`);
    }
  }
}
