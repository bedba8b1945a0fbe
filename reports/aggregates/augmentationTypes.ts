import type { Db } from '../../pipeline/db.js';
import type { ProcedureType } from '../types.js';

/** Codes compared after normalisation (docs/rules.md §1): trimmed, upper-case, dots and dashes removed. */
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase().replaceAll('.', '').replaceAll('-', '');
}

/**
 * Procedure type of the augmentation codes docs/rules.md §6 and docs/codes.md name: CPT 22510-22512 and
 * 22520-22522 vertebroplasty, 22513-22515 and 22523-22525 kyphoplasty, ICD-9-CM 81.65
 * vertebroplasty and 81.66 (percutaneous vertebral augmentation) kyphoplasty. ICD-10-PCS
 * "supplement with synthetic substitute" codes do not tell the two apart: they map to unspecified.
 * Used when neither the caller nor the value_set_code table gives a lookup.
 */
export const DEFAULT_AUGMENTATION_TYPES: Readonly<Record<string, ProcedureType>> = {
  '22510': 'vertebroplasty',
  '22511': 'vertebroplasty',
  '22512': 'vertebroplasty',
  '22520': 'vertebroplasty',
  '22521': 'vertebroplasty',
  '22522': 'vertebroplasty',
  '22513': 'kyphoplasty',
  '22514': 'kyphoplasty',
  '22515': 'kyphoplasty',
  '22523': 'kyphoplasty',
  '22524': 'kyphoplasty',
  '22525': 'kyphoplasty',
  '8165': 'vertebroplasty',
  '8166': 'kyphoplasty',
};

/**
 * The code -> procedure type lookup from the run's value_set_code table (rows of value set
 * vertebral_augmentation with a procedure_type column), or undefined when the table or the
 * column is missing. Codes are normalised; LIKE patterns in value-set codes are kept as given and
 * only match an evidence code equal to them.
 */
export async function readAugmentationTypes(db: Db): Promise<Record<string, ProcedureType> | undefined> {
  const column = await db.one<{ n: number }>(`
    select count(*)::integer as n
    from information_schema.columns
    where table_name = 'value_set_code' and column_name = 'procedure_type'
  `);
  if (!column || column.n === 0) return undefined;
  const rows = await db.all<{ code: string; procedure_type: string | null }>(`
    select code, procedure_type from value_set_code where value_set = 'vertebral_augmentation'
  `);
  const lookup: Record<string, ProcedureType> = {};
  for (const row of rows) lookup[normaliseCode(row.code)] = toProcedureType(row.procedure_type);
  return lookup;
}

/** A procedure_type value as one of the three types; anything else is unspecified. */
export function toProcedureType(value: string | null | undefined): ProcedureType {
  return value === 'vertebroplasty' || value === 'kyphoplasty' ? value : 'unspecified';
}
