import { claimsFormat } from '../../loaders/claimsFormat.js';
import { eventsFormat } from '../../loaders/eventsFormat.js';
import type { SourceSpec } from '../../loaders/sourceSpec.js';
import { UsageError } from '../../errors.js';
import { quotedIdentifier } from '../../sql.js';
import type { PgDb } from './pgDb.js';

/** The input formats the PostgreSQL engine reads: tables named like the file contracts' roles. */
export type PgInputFormat = 'claims' | 'events';

/** One input table found in --schema: its role (= table name) and the contract columns it has. */
export interface InputTable {
  spec: SourceSpec;
  /** Contract columns present in the table (lower-case names), in contract order. */
  present: string[];
  /** The table's real column name for each present contract column. */
  realName: Map<string, string>;
}

/** The sources of a format, in load order (the same SourceSpec lists the file loaders use). */
export function sourcesOf(format: PgInputFormat): SourceSpec[] {
  return format === 'claims' ? claimsFormat : eventsFormat;
}

/**
 * Finds the format's tables in `schema` and checks their columns before any work: a missing
 * mandatory table, or a table without a required column, is a UsageError naming schema, table and
 * column (exit 2). Column names match without regard to case; any column type is read as text.
 */
export async function findInputTables(db: PgDb, schema: string, format: PgInputFormat): Promise<InputTable[]> {
  const exists = await db.one<{ n: string }>('select count(*) as n from pg_namespace where nspname = $schema', { schema });
  if (Number(exists?.n ?? 0) === 0) throw new UsageError(`--schema ${schema}: no such schema in the database`);
  const rows = await db.all<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
     where table_schema = $schema order by table_name, ordinal_position`,
    { schema },
  );
  const tables = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const table = row.table_name.toLowerCase();
    if (!tables.has(table)) tables.set(table, new Map());
    tables.get(table)!.set(row.column_name.toLowerCase(), row.column_name);
  }
  const found: InputTable[] = [];
  for (const spec of sourcesOf(format)) {
    const columns = tables.get(spec.role);
    if (columns === undefined) {
      if (spec.mandatory) throw new UsageError(`--schema ${schema}: no table ${spec.role} (the ${format} format needs it; see docs/postgres.md)`);
      continue;
    }
    for (const required of spec.requiredColumns) {
      const options = Array.isArray(required) ? required : [required];
      if (!options.some((name) => columns.has(name))) {
        throw new UsageError(`--schema ${schema}: table ${spec.role} has no column ${options.join(' or ')}`);
      }
    }
    const present = spec.columns.filter((name) => columns.has(name));
    found.push({ spec, present, realName: new Map(present.map((name) => [name, columns.get(name)!])) });
  }
  return found;
}

/**
 * Copies an input table into the working schema as `raw_<role>`: every contract column as text
 * (absent optional ones as null, like the file loaders), and `__line`, the row's number. A table
 * has no order of its own, so the row number is its position when sorted by its contract columns,
 * in contract order, as text in byte order (collation "C"), nulls last: the same on every engine and
 * every run, whatever the physical order. Rejects name the table and this row number.
 */
export async function copyInputTable(db: PgDb, schema: string, table: InputTable): Promise<void> {
  const source = `${quotedIdentifier(schema)}.${quotedIdentifier(table.spec.role)}`;
  const valueOf = (name: string): string => `${quotedIdentifier(table.realName.get(name)!)}::text`;
  const columns = table.spec.columns.map((name) =>
    table.realName.has(name) ? `${valueOf(name)} as ${quotedIdentifier(name)}` : `null::text as ${quotedIdentifier(name)}`,
  );
  const order = table.present.map((name) => `${valueOf(name)} collate "C"`).join(', ');
  await db.run(`
    create unlogged table raw_${table.spec.role} as
    select ${columns.join(', ')}, row_number() over (order by ${order}) as __line
    from ${source}`);
}
