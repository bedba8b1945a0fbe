import type { Db } from '../db.js';
import type { RuleMetric } from './failIfExpression.js';

/** Per rule, the status counts of its complete cohort (docs/rules.md §7), exact (unsuppressed). */
export type CompleteCohortCounts = Map<string, Record<Exclude<RuleMetric, 'gap_rate'>, number>>;

/**
 * Counts each rule's statuses over the complete cohort (index_date + 365 <= as_of) from
 * patient_gaps and run_params, in SQL; rules of rule_catalog without a complete episode get zeros.
 * Also the number of episodes (all of them). Exact values: thresholds see what the suppressed
 * reports hide.
 */
export async function readFailIfMetrics(db: Db): Promise<{ rules: CompleteCohortCounts; episodes: number }> {
  const rows = await db.all<Record<string, string | number>>(`
    with

    params as (
        select as_of from run_params
    ),

    rule_row as (
        select rule_id from rule_catalog
    ),

    -- docs/rules.md §7: an episode is in the complete cohort when index_date + 365 <= as_of; its
    -- statuses are final.
    complete_cohort as (
        select patient_gaps.rule_id, patient_gaps.status
        from patient_gaps
        cross join params
        where patient_gaps.index_date + 365 <= params.as_of
    ),

    final as (
        select
            rule_row.rule_id,
            count(complete_cohort.status) filter (where complete_cohort.status = 'open')::integer as open,
            count(complete_cohort.status) filter (where complete_cohort.status = 'closed')::integer as closed,
            count(complete_cohort.status) filter (where complete_cohort.status = 'prospective')::integer as prospective,
            count(complete_cohort.status) filter (where complete_cohort.status = 'excluded')::integer as excluded,
            count(complete_cohort.status) filter (where complete_cohort.status = 'not_applicable')::integer as not_applicable
        from rule_row
        left join complete_cohort on complete_cohort.rule_id = rule_row.rule_id
        group by rule_row.rule_id
    )

    select * from final order by rule_id
  `);
  const episodes = await db.one<{ episodes: number }>(`select count(distinct episode_id)::integer as episodes from patient_gaps`);
  const rules: CompleteCohortCounts = new Map();
  for (const row of rows) {
    rules.set(String(row.rule_id), {
      open: Number(row.open),
      closed: Number(row.closed),
      prospective: Number(row.prospective),
      excluded: Number(row.excluded),
      not_applicable: Number(row.not_applicable),
    });
  }
  return { rules, episodes: episodes?.episodes ?? 0 };
}
