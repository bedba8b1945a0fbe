import type { Db } from '../../pipeline/db.js';
import { STATUSES, type Status } from '../ruleCatalog.js';

/** Per rule: episodes by status (docs/rules.md §3), every status present with 0 when absent. */
export async function readStatusCounts(db: Db): Promise<Map<string, Record<Status, number>>> {
  const rows = await db.all<{ rule_id: string; status: string; episodes: number }>(`
    select rule_id, status, count(*)::integer as episodes
    from patient_gaps
    group by rule_id, status
    order by rule_id, status
  `);
  const byRule = new Map<string, Record<Status, number>>();
  for (const row of rows) {
    let counts = byRule.get(row.rule_id);
    if (!counts) {
      counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<Status, number>;
      byRule.set(row.rule_id, counts);
    }
    if (!(STATUSES as readonly string[]).includes(row.status)) {
      throw new Error(`patient_gaps: rule ${row.rule_id} has unknown status '${row.status}'`);
    }
    counts[row.status as Status] = row.episodes;
  }
  return byRule;
}
