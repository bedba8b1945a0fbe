import type { Db } from '../../pipeline/db.js';
import { TREATED_BY_DAYS } from '../ruleCatalog.js';
import type { TimeToTherapyCounts } from './rawAggregates.js';

/**
 * Rule A (docs/rules.md §4): closed episodes treated by day 30, 90, 180 and 365 after the fracture,
 * and the median days to therapy. Therapy already active at the fracture (days_to_event < 0)
 * counts as day 0. The denominator the reports use is open + closed, as for the gap rate, so the
 * share treated by day 365 is 1 - gap rate.
 */
export async function readTimeToTherapy(db: Db, ruleId = 'untreated-12m'): Promise<TimeToTherapyCounts> {
  const row = await db.one<Record<string, number | null>>(
    `
    select
      ${TREATED_BY_DAYS.map((day) => `count(*) filter (where greatest(days_to_event, 0) <= ${day})::integer as treated_${day}`).join(',\n      ')},
      median(greatest(days_to_event, 0))::double as median_days
    from patient_gaps
    where rule_id = $rule_id and status = 'closed'
  `,
    { rule_id: ruleId },
  );
  return {
    treatedByDay: TREATED_BY_DAYS.map((day) => ({ day, treated: Number(row?.[`treated_${day}`] ?? 0) })),
    medianDays: row?.median_days ?? null,
  };
}
