import type { Db } from '../../pipeline/db.js';

/** Per rule: excluded episodes by reason (docs/rules.md §3, §7), sorted by reason. */
export async function readExcludedReasons(db: Db): Promise<Map<string, Array<{ reason: string; count: number }>>> {
  const rows = await db.all<{ rule_id: string; reason: string; episodes: number }>(`
    select rule_id, coalesce(reason, '(none)') as reason, count(*)::integer as episodes
    from patient_gaps
    where status = 'excluded'
    group by all
    order by rule_id, reason
  `);
  const byRule = new Map<string, Array<{ reason: string; count: number }>>();
  for (const row of rows) {
    const list = byRule.get(row.rule_id) ?? [];
    list.push({ reason: row.reason, count: row.episodes });
    byRule.set(row.rule_id, list);
  }
  return byRule;
}
