import { existsSync } from 'node:fs';
import { withDb, type Db } from '../db.js';
import { UsageError } from '../errors.js';
import { quotedString } from '../sql.js';

/** One cell of a per-rule confusion table: expected vs actual (status/reason). */
export type ConfusionCell = {
  rule_id: string;
  expected: string;
  actual: string;
  count: number;
};

/** One (episode, rule) whose pipeline result differs from the truth. */
export type Mismatch = {
  episode_id: string;
  rule_id: string;
  expected: string;
  actual: string;
  scenario: string;
};

/** The agreement of a pipeline run with a generated truth file. */
export interface Agreement {
  /** Rows of the truth file. */
  truthRows: number;
  /** Rows of the run's patient_gaps. */
  runRows: number;
  /** (episode, rule) keys on which both agree (status and reason). */
  matched: number;
  /** Keys in either file: every key that is not matched is a disagreement. */
  keys: number;
  /** Per rule, every (expected, actual) pair with its count, mismatches marked by expected <> actual. */
  confusion: ConfusionCell[];
  /** The first `limit` differing keys, by episode_id and rule_id. */
  mismatches: Mismatch[];
}

/** True when every (episode, rule) of either file is in both and agrees on status and reason. */
export function agrees(agreement: Agreement): boolean {
  return agreement.matched === agreement.keys;
}

const truthColumns = ['episode_id', 'rule_id', 'status', 'reason'] as const;

/**
 * Compares a generator's truth.csv (episode_id, rule_id, status, reason, optional scenario) with a
 * run's patient_gaps (`.csv` or `.parquet`) by (episode_id, rule_id), full outer join, so that a
 * key missing from either side is a disagreement ("(none)"). Returns the confusion table of every
 * rule and the first `limit` differing rows. A missing file or column is a UsageError naming it.
 */
export async function compareWithTruth(truthCsv: string, gapsFile: string, limit = 20): Promise<Agreement> {
  for (const file of [truthCsv, gapsFile]) if (!existsSync(file)) throw new UsageError(`${file}: file not found`);
  return withDb({ threads: 2 }, async (db) => {
    const truth = `read_csv(${quotedString(truthCsv)}, header = true, all_varchar = true)`;
    const gaps = gapsFile.endsWith('.parquet')
      ? `(select cast(columns(*) as varchar) from read_parquet(${quotedString(gapsFile)}))`
      : `read_csv(${quotedString(gapsFile)}, header = true, all_varchar = true)`;
    const truthHas = await columnsOf(db, truth, truthCsv);
    const missingTruth = truthColumns.filter((name) => !truthHas.includes(name));
    if (missingTruth.length > 0) throw new UsageError(`${truthCsv}: missing column ${missingTruth.join(', ')} (not a truth file)`);
    const gapsHas = await columnsOf(db, gaps, gapsFile);
    const missingGaps = truthColumns.filter((name) => !gapsHas.includes(name));
    if (missingGaps.length > 0) throw new UsageError(`${gapsFile}: missing column ${missingGaps.join(', ')}`);
    const scenario = truthHas.includes('scenario') ? `coalesce(truth.scenario, '')` : `''`;
    await db.run(`create or replace temp table joined as
      with truth as (select * from ${truth}),
      gaps as (select * from ${gaps})
      select coalesce(truth.episode_id, gaps.episode_id) as episode_id,
        coalesce(truth.rule_id, gaps.rule_id) as rule_id,
        case when truth.episode_id is null then '(none)' else truth.status || '/' || coalesce(truth.reason, '') end as expected,
        case when gaps.episode_id is null then '(none)' else gaps.status || '/' || coalesce(gaps.reason, '') end as actual,
        ${scenario} as scenario
      from truth full outer join gaps on truth.episode_id = gaps.episode_id and truth.rule_id = gaps.rule_id`);
    const totals = await db.one<{ truth_rows: number; run_rows: number; matched: number; keys: number }>(
      `select count(*) filter (where expected <> '(none)')::integer as truth_rows,
        count(*) filter (where actual <> '(none)')::integer as run_rows,
        count(*) filter (where expected = actual)::integer as matched,
        count(*)::integer as keys
       from joined`,
    );
    const confusion = await db.all<ConfusionCell>(
      `select rule_id, expected, actual, count(*)::integer as count from joined group by all order by rule_id, expected, actual`,
    );
    const mismatches = await db.all<Mismatch>(
      `select episode_id, rule_id, expected, actual, scenario from joined where expected <> actual order by episode_id, rule_id limit $limit`,
      { limit },
    );
    return {
      truthRows: totals?.truth_rows ?? 0,
      runRows: totals?.run_rows ?? 0,
      matched: totals?.matched ?? 0,
      keys: totals?.keys ?? 0,
      confusion,
      mismatches,
    };
  });
}

async function columnsOf(db: Db, relation: string, file: string): Promise<string[]> {
  try {
    return (await db.all<{ column_name: string }>(`describe select * from ${relation}`)).map((row) => row.column_name.toLowerCase());
  } catch (error) {
    throw new UsageError(`${file}: not readable (${(error as Error).message.split('\n')[0]})`);
  }
}

/**
 * The agreement as text: a count line, the confusion table of every rule (`!` marks a
 * disagreement) and the first differing (episode, rule) rows.
 */
export function formatAgreement(agreement: Agreement): string {
  const lines = [
    `agreement: ${agreement.matched} of ${agreement.keys} (episode, rule) rows agree (truth ${agreement.truthRows} rows, run ${agreement.runRows} rows)`,
  ];
  let rule = '';
  for (const cell of agreement.confusion) {
    if (cell.rule_id !== rule) {
      rule = cell.rule_id;
      lines.push(`\n${rule}: expected -> actual`);
    }
    lines.push(`  ${cell.expected === cell.actual ? ' ' : '!'} ${cell.expected.padEnd(58)} -> ${cell.actual.padEnd(58)} ${cell.count}`);
  }
  if (agreement.mismatches.length > 0) lines.push('\nfirst differing (episode, rule):');
  for (const row of agreement.mismatches) {
    lines.push(`  ${row.episode_id} ${row.rule_id}: expected ${row.expected}, got ${row.actual}${row.scenario ? `  [${row.scenario}]` : ''}`);
  }
  return lines.join('\n');
}
