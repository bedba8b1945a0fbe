import type { Db } from '../db.js';
import { quotedIdentifier } from '../sql.js';

/**
 * Creates `table` from a select, dropping an earlier table of that name first. Two statements,
 * because PostgreSQL has no `create or replace table` (docs/engines.md). No bound parameters:
 * PostgreSQL does not take them in `create table ... as`. With `analyze`, the new table's
 * statistics are gathered at once (PostgreSQL plans the next pass from them; its autovacuum comes
 * too late for a pipeline).
 */
export async function replaceTable(db: Db, table: string, select: string, analyze = false): Promise<void> {
  await db.run(`drop table if exists ${quotedIdentifier(table)}`);
  await db.run(`create table ${quotedIdentifier(table)} as\n${select}`);
  if (analyze) await db.run(`analyze ${quotedIdentifier(table)}`);
}

/** Creates an empty `table` with the given column definitions, dropping an earlier one first. */
export async function replaceEmptyTable(db: Db, table: string, columns: string): Promise<void> {
  await db.run(`drop table if exists ${quotedIdentifier(table)}`);
  await db.run(`create table ${quotedIdentifier(table)} (${columns})`);
}
