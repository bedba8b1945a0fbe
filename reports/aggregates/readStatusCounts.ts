import type { Db } from '../../pipeline/db.js';
import { STATUSES, type Status } from '../ruleCatalog.js';
import { COMPLETE_COHORT_SQL } from './cohort.js';

/** One rule's episodes by status (docs/rules.md §3), split by the §7 cohorts. */
export interface CohortStatusCounts {
  all: Record<Status, number>;
  complete: Record<Status, number>;
  inProgress: Record<Status, number>;
}

/** Every status with 0. */
export function zeroStatusCounts(): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<Status, number>;
}

/**
 * Per rule: episodes by status for all episodes, the complete cohort (index_date + 365 <= as_of,
 * docs/rules.md §7) and the in-progress cohort; every status present with 0 when absent.
 * Throws on a status §3 does not know.
 */
export async function readStatusCounts(db: Db, asOf: string): Promise<Map<string, CohortStatusCounts>> {
  const rows = await db.all<{ rule_id: string; status: string; complete: number; in_progress: number }>(
    `
    select
      rule_id,
      status,
      count(*) filter (where ${COMPLETE_COHORT_SQL})::integer as complete,
      count(*) filter (where not ${COMPLETE_COHORT_SQL})::integer as in_progress
    from patient_gaps
    group by rule_id, status
    order by rule_id, status
  `,
    { as_of: asOf },
  );
  const byRule = new Map<string, CohortStatusCounts>();
  for (const row of rows) {
    let counts = byRule.get(row.rule_id);
    if (!counts) {
      counts = { all: zeroStatusCounts(), complete: zeroStatusCounts(), inProgress: zeroStatusCounts() };
      byRule.set(row.rule_id, counts);
    }
    if (!(STATUSES as readonly string[]).includes(row.status)) {
      throw new Error(`patient_gaps: rule ${row.rule_id} has unknown status '${row.status}'`);
    }
    const status = row.status as Status;
    counts.complete[status] = row.complete;
    counts.inProgress[status] = row.in_progress;
    counts.all[status] = row.complete + row.in_progress;
  }
  return byRule;
}
