import { withDb } from '../../pipeline/db.js';
import { quotedString } from '../../pipeline/sql.js';

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
  truthRows: number;
  matched: number;
  confusion: ConfusionCell[];
  mismatches: Mismatch[];
}

/**
 * Joins truth.csv with the pipeline's patient_gaps.csv on (episode_id, rule_id), full outer, so
 * that missing and extra episodes count as mismatches too ("(none)"). Returns the confusion table
 * of the rules with any mismatch and the first `limit` differing rows.
 */
export async function compareWithTruth(truthCsv: string, gapsCsv: string, limit = 20): Promise<Agreement> {
  return withDb({ threads: 2 }, async (db) => {
    await db.run(`create table joined as
      with truth as (select * from read_csv(${quotedString(truthCsv)}, all_varchar = true)),
      gaps as (select * from read_csv(${quotedString(gapsCsv)}, all_varchar = true))
      select coalesce(truth.episode_id, gaps.episode_id) as episode_id,
        coalesce(truth.rule_id, gaps.rule_id) as rule_id,
        coalesce(truth.status || '/' || truth.reason, '(none)') as expected,
        coalesce(gaps.status || '/' || coalesce(gaps.reason, ''), '(none)') as actual,
        coalesce(truth.scenario, '') as scenario
      from truth full outer join gaps on truth.episode_id = gaps.episode_id and truth.rule_id = gaps.rule_id`);
    const totals = await db.one<{ truth_rows: string; matched: string }>(
      `select count(*) filter (where expected <> '(none)') as truth_rows, count(*) filter (where expected = actual) as matched from joined`,
    );
    const confusion = await db.all<ConfusionCell & { count: string }>(
      `select rule_id, expected, actual, count(*) as count from joined
       where rule_id in (select rule_id from joined where expected <> actual)
       group by all order by rule_id, expected, actual`,
    );
    const mismatches = await db.all<Mismatch>(
      `select episode_id, rule_id, expected, actual, scenario from joined where expected <> actual order by episode_id, rule_id limit $limit`,
      { limit },
    );
    return {
      truthRows: Number(totals?.truth_rows ?? 0),
      matched: Number(totals?.matched ?? 0),
      confusion: confusion.map((cell) => ({ ...cell, count: Number(cell.count) })),
      mismatches,
    };
  });
}

/** The agreement as text: the per-rule confusion table and the first differing episodes. */
export function formatAgreement(agreement: Agreement): string {
  const lines = [`agreement: ${agreement.matched} of ${agreement.truthRows} truth rows`];
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
    lines.push(`  ${row.episode_id} ${row.rule_id}: expected ${row.expected}, got ${row.actual}  [${row.scenario}]`);
  }
  return lines.join('\n');
}
