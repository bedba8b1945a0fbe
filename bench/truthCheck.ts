import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withDb } from '../pipeline/db.js';
import { quotedString } from '../pipeline/sql.js';

/** Episodes the generator expects with one (rule, status, reason): generation.json `counts.truth`. */
export interface TruthCount {
  rule_id: string;
  status: string;
  reason: string;
  count: number;
}

/** The expected counts of a bench population, or undefined when its generation.json has none. */
export function truthOf(populationDir: string): TruthCount[] | undefined {
  const file = join(populationDir, 'generation.json');
  if (!existsSync(file)) return undefined;
  const json = JSON.parse(readFileSync(file, 'utf8')) as { counts?: { truth?: TruthCount[] } };
  return json.counts?.truth;
}

/**
 * Compares a run's patient_gaps.parquet with the generator's truth, (rule, status, reason) by
 * (rule, status, reason): a fast run that gets the answers wrong must not look like a good result.
 * Returns how many of the groups differ (0 = agrees).
 */
export async function truthMismatches(outDir: string, truth: TruthCount[]): Promise<number> {
  return withDb({ threads: 2 }, async (db) => {
    const rows = await db.all<{ key: string; n: number }>(
      `select rule_id || '|' || status || '|' || reason as key, count(*)::integer as n
       from read_parquet(${quotedString(join(outDir, 'patient_gaps.parquet'))}) group by all`,
    );
    const got = new Map(rows.map((row) => [row.key, row.n]));
    let mismatches = 0;
    for (const expected of truth) {
      const key = `${expected.rule_id}|${expected.status}|${expected.reason}`;
      if (got.get(key) !== expected.count) mismatches += 1;
      got.delete(key);
    }
    return mismatches + got.size;
  });
}
