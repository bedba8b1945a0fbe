import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db.js';
import { projectRoot } from '../projectRoot.js';

/** The SQL engines the rule pack runs on (docs/engines.md). */
export type RuleEngine = 'duckdb' | 'postgres';

/** The names of the portable functions every engine defines (docs/engines.md, "The cg_* functions"). */
export const ruleFunctionNames = ['cg_date_text', 'cg_int_div'] as const;

/** The file defining the rule pack's cg_* functions for an engine: rules/functions/<engine>.sql. */
export function ruleFunctionFile(engine: RuleEngine): string {
  return join(projectRoot(), 'rules', 'functions', `${engine}.sql`);
}

/**
 * Creates the rule pack's cg_* functions (DuckDB macros, PostgreSQL SQL functions; same names and
 * meaning) before any pass runs. The file holds several statements and no bound parameters.
 */
export async function createRuleFunctions(db: Db, engine: RuleEngine): Promise<void> {
  await db.run(readFileSync(ruleFunctionFile(engine), 'utf8'));
}
