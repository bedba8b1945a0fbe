import type { Db } from '../../pipeline/db.js';
import { STATUSES, type Status } from '../ruleCatalog.js';
import { COMPLETE_COHORT_SQL, COMPLETE_MONTH_SQL } from './cohort.js';
import type { InProgressMonthCounts, MonthCounts } from './rawAggregates.js';
import { zeroStatusCounts } from './readStatusCounts.js';

/** Per rule: the complete index months with their open and closed counts, and the in-progress counts of the others. */
export interface IndexMonthSeries {
  complete: MonthCounts[];
  inProgress: InProgressMonthCounts[];
}

/**
 * Per rule, by index month (YYYY-MM), docs/rules.md §7:
 * - complete months (last day + 365 <= as_of): open and closed counts, every month from the rule's
 *   first index month to its last complete one, months without episodes included with zeros (a
 *   chart needs an unbroken time axis);
 * - incomplete months: the in-progress cohort's episodes by status, every month from the first
 *   incomplete one to the rule's last index month. An incomplete month never gets a rate.
 * Complete-cohort episodes of an incomplete month (its first days, when index + 365 <= as_of) are in
 * neither list: they count in the rule's complete-cohort rate only.
 */
export async function readIndexMonths(db: Db, asOf: string): Promise<Map<string, IndexMonthSeries>> {
  const rows = await db.all<{ rule_id: string; month: string; is_complete: boolean; status: string | null; episodes: number }>(
    `
    -- One scan of patient_gaps, by day: the month and cohort of an episode depend on its index date
    -- only, so the date arithmetic below runs on a few thousand days instead of every row.
    with per_day as materialized (
      select rule_id, index_date, status, count(*) as episodes
      from patient_gaps
      group by all
    ),
    gaps as (
      select
        rule_id,
        date_trunc('month', index_date)::date as month_start,
        ${COMPLETE_MONTH_SQL} as is_complete_month,
        ${COMPLETE_COHORT_SQL} as is_complete_episode,
        status,
        episodes
      from per_day
    ),
    bounds as (
      select rule_id, min(month_start) as first_month, max(month_start) as last_month
      from gaps
      group by rule_id
    ),
    -- §7: complete months count every episode (all are complete); incomplete months only the
    -- in-progress cohort.
    by_month as (
      select rule_id, month_start, status, sum(episodes)::integer as episodes
      from gaps
      where is_complete_month or not is_complete_episode
      group by all
    ),
    calendar as (
      select bounds.rule_id, month_start::date as month_start
      from bounds,
        generate_series(bounds.first_month, bounds.last_month, interval 1 month) as series(month_start)
    ),
    final as (
      select
        calendar.rule_id,
        strftime(calendar.month_start, '%Y-%m') as month,
        last_day(calendar.month_start) + 365 <= $as_of::date as is_complete,
        by_month.status,
        coalesce(by_month.episodes, 0) as episodes
      from calendar
      left join by_month
        on by_month.rule_id = calendar.rule_id
        and by_month.month_start = calendar.month_start
    )
    select * from final order by rule_id, month, status
  `,
    { as_of: asOf },
  );
  const byRule = new Map<string, IndexMonthSeries>();
  for (const row of rows) {
    let series = byRule.get(row.rule_id);
    if (!series) {
      series = { complete: [], inProgress: [] };
      byRule.set(row.rule_id, series);
    }
    if (row.is_complete) {
      let month = series.complete.at(-1);
      if (month?.month !== row.month) {
        month = { month: row.month, open: 0, closed: 0 };
        series.complete.push(month);
      }
      if (row.status === 'open') month.open += row.episodes;
      if (row.status === 'closed') month.closed += row.episodes;
    } else {
      let month = series.inProgress.at(-1);
      if (month?.month !== row.month) {
        month = { month: row.month, counts: zeroStatusCounts() };
        series.inProgress.push(month);
      }
      if (row.status !== null && (STATUSES as readonly string[]).includes(row.status)) month.counts[row.status as Status] += row.episodes;
    }
  }
  return byRule;
}
