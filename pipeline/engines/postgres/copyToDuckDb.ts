import { createWriteStream, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db.js';
import { quotedIdentifier, quotedString } from '../../sql.js';
import type { PgDb } from './pgDb.js';

/** A PostgreSQL column type as DuckDB spells it, for the types the rule pack's tables use. */
function duckTypeOf(pgType: string, table: string, column: string): string {
  const decimal = /^numeric\((\d+),(\d+)\)$/.exec(pgType);
  if (decimal) return `decimal(${decimal[1]}, ${decimal[2]})`;
  const known: Record<string, string> = {
    text: 'varchar',
    'character varying': 'varchar',
    date: 'date',
    integer: 'integer',
    smallint: 'smallint',
    bigint: 'bigint',
    'double precision': 'double',
    real: 'float',
    boolean: 'boolean',
    'timestamp without time zone': 'timestamp',
  };
  const found = known[pgType.replace(/^character varying\(\d+\)$/, 'character varying')];
  if (found === undefined) throw new Error(`copy to DuckDB: ${table}.${column} has PostgreSQL type ${pgType}, which caregap does not map`);
  return found;
}

/**
 * Copies tables of the PostgreSQL working schema into the local DuckDB database, by COPY ... TO
 * STDOUT (CSV, every value quoted, so an unquoted empty field is NULL and "" the empty string) into
 * a file in `tempDir`, read by DuckDB into a table of the same name whose column types follow the
 * PostgreSQL catalog. Dates leave as ISO text; doubles in PostgreSQL's shortest exact form, so they
 * arrive bit for bit. Only the episode-level tables the writers and reports read are copied.
 */
export async function copyTablesToDuckDb(pg: PgDb, duck: Db, tables: readonly string[], tempDir: string): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  await pg.run(`set datestyle to 'ISO, YMD'`);
  for (const table of tables) {
    const columns = await pg.all<{ name: string; type: string }>(
      `select attribute.attname as name, format_type(attribute.atttypid, attribute.atttypmod) as type
       from pg_attribute as attribute
       where attribute.attrelid = $table::regclass and attribute.attnum > 0 and not attribute.attisdropped
       order by attribute.attnum`,
      { table },
    );
    if (columns.length === 0) throw new Error(`copy to DuckDB: no table ${table} in the working schema`);
    // A numeric without declared precision (PostgreSQL drops the typmod of a CASE with an implicit
    // else null): the decimal its values need, e.g. pdc's decimal(5, 4), so DuckDB prints the same digits.
    for (const column of columns.filter((candidate) => candidate.type === 'numeric')) {
      const name = quotedIdentifier(column.name);
      const digits = await pg.one<{ scale: number; whole: number }>(
        `select coalesce(max(scale(${name})), 0)::integer as scale,
                coalesce(max(length(trunc(abs(${name}))::text)), 1)::integer as whole
         from ${quotedIdentifier(table)}`,
      );
      const scale = Math.min(digits?.scale ?? 0, 37);
      column.type = `numeric(${Math.min(38, Math.max((digits?.whole ?? 1) + scale, scale + 1))},${scale})`;
    }
    const file = join(tempDir, `${table}.csv`);
    const select = columns.map((column) => (column.type === 'boolean' ? `${quotedIdentifier(column.name)}::text` : quotedIdentifier(column.name)));
    try {
      await pg.copyOut(`select ${select.join(', ')} from ${quotedIdentifier(table)}`, 'format csv, header false, force_quote *', createWriteStream(file));
      const definition = columns.map((column) => `${quotedIdentifier(column.name)} ${duckTypeOf(column.type, table, column.name)}`);
      await duck.run(`create or replace table ${quotedIdentifier(table)} (${definition.join(', ')})`);
      // An empty file has nothing to copy (and DuckDB cannot sniff it).
      if (statSync(file).size > 0) await duck.run(
        `copy ${quotedIdentifier(table)} from ${quotedString(file)}
         (format csv, header false, delim ',', quote '"', escape '"', allow_quoted_nulls false, nullstr '')`,
      );
    } finally {
      rmSync(file, { force: true });
    }
    const counted = await duck.one<{ n: number }>(`select count(*)::integer as n from ${quotedIdentifier(table)}`);
    rows[table] = counted?.n ?? 0;
  }
  return rows;
}
