import type { Db } from '../../pipeline/db.js';
import { COMPLETE_COHORT_SQL } from './cohort.js';
import type { TimeToTherapyCounts } from './rawAggregates.js';

/**
 * Rule A (docs/rules.md §4, §7): closed episodes of the complete cohort by the day therapy started
 * (days_to_event; therapy already active at the fracture, days < 0, counts as day 0), and the
 * median of those days. At most 366 rows: the whole cumulative curve can be drawn from it.
 */
export async function readTimeToTherapy(db: Db, asOf: string, ruleId = 'untreated-12m'): Promise<TimeToTherapyCounts> {
  const params = { rule_id: ruleId, as_of: asOf };
  const where = `rule_id = $rule_id and status = 'closed' and ${COMPLETE_COHORT_SQL}`;
  const days = await db.all<{ day: number; treated: number }>(
    `
    select greatest(coalesce(days_to_event, 0), 0)::integer as day, count(*)::integer as treated
    from patient_gaps
    where ${where}
    group by all
    order by day
  `,
    params,
  );
  const median = await db.one<{ median_days: number | null }>(
    `select median(greatest(coalesce(days_to_event, 0), 0))::double as median_days from patient_gaps where ${where}`,
    params,
  );
  return { treatedOnDay: days, medianDays: median?.median_days ?? null };
}
