import type { Db } from '../db.js';
import { quotedString } from '../sql.js';
import type { ValueSetCatalogEntry, ValueSetCode } from './effectiveValueSets.js';
import { replaceEmptyTable } from './replaceTable.js';

const codeColumns = `value_set varchar, code_system varchar, code varchar, is_pattern boolean, literal_prefix varchar,
    domain varchar, display varchar, ingredient varchar, cover_days integer, strength double precision,
    strength_unit varchar, fracture_level varchar, procedure_type varchar, max_units double precision,
    source varchar, verified varchar, origin_file varchar, origin_line integer`;

/** A value as an SQL literal: text quoted, numbers and booleans as written, null as null. */
function literal(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quotedString(value);
  return String(value);
}

/** Inserts rows with multi-row VALUES lists, a few hundred rows per statement. */
async function insertRows(db: Db, table: string, rows: readonly (string | number | boolean | null)[][]): Promise<void> {
  const chunk = 250;
  for (let start = 0; start < rows.length; start += chunk) {
    const tuples = rows.slice(start, start + chunk).map((row) => `(${row.map(literal).join(', ')})`);
    await db.run(`insert into ${table} values\n${tuples.join(',\n')}`);
  }
}

/**
 * Creates `value_set_catalog` (value_set, domain, description) and `value_set_code` (the
 * effectiveValueSets columns, in its order) and fills them with literal VALUES lists, the one form
 * of loading that every engine takes (docs/engines.md). Value sets are small (hundreds of rows).
 */
export async function storeValueSets(db: Db, catalog: readonly ValueSetCatalogEntry[], codes: readonly ValueSetCode[]): Promise<void> {
  await replaceEmptyTable(db, 'value_set_catalog', 'value_set varchar, domain varchar, description varchar');
  await insertRows(db, 'value_set_catalog', catalog.map((entry) => [entry.value_set, entry.domain, entry.description]));
  await replaceEmptyTable(db, 'value_set_code', codeColumns);
  await insertRows(
    db,
    'value_set_code',
    codes.map((row) => [
      row.value_set, row.code_system, row.code, row.is_pattern, row.literal_prefix, row.domain, row.display,
      row.ingredient, row.cover_days, row.strength, row.strength_unit, row.fracture_level, row.procedure_type,
      row.max_units, row.source, row.verified, row.origin_file, row.origin_line,
    ]),
  );
}
