import type { Db } from '../../pipeline/db.js';
import type { MonthCounts } from './rawAggregates.js';

/**
 * Per rule: open and closed episodes by index month (YYYY-MM), every month from the first to the
 * last index month of that rule, months without episodes included with zeros (a run chart needs
 * an unbroken time axis).
 */
export async function readIndexMonths(db: Db): Promise<Map<string, MonthCounts[]>> {
  const rows = await db.all<{ rule_id: string; month: string; open: number; closed: number }>(`
    with by_month as (
      select
        rule_id,
        date_trunc('month', index_date)::date as month_start,
        count(*) filter (where status = 'open')::integer as open,
        count(*) filter (where status = 'closed')::integer as closed
      from patient_gaps
      group by all
    ),
    bounds as (
      select rule_id, min(month_start) as first_month, max(month_start) as last_month
      from by_month
      group by rule_id
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
        coalesce(by_month.open, 0) as open,
        coalesce(by_month.closed, 0) as closed
      from calendar
      left join by_month
        on by_month.rule_id = calendar.rule_id
        and by_month.month_start = calendar.month_start
    )
    select * from final order by rule_id, month
  `);
  const byRule = new Map<string, MonthCounts[]>();
  for (const row of rows) {
    const list = byRule.get(row.rule_id) ?? [];
    list.push({ month: row.month, open: row.open, closed: row.closed });
    byRule.set(row.rule_id, list);
  }
  return byRule;
}
