import type { Db } from '../db.js';

/** The patient_gaps columns a diff reads. */
export const diffInputColumns = ['person_id', 'episode_id', 'site', 'rule_id', 'status', 'reason'] as const;

/**
 * Creates the table `run_diff`: one row per (episode_id, rule_id) found in either run, matched
 * with a full outer join, with both statuses and reasons and the change category. `previous` and
 * `current` are relations over each run's patient_gaps (see gapsRelation). Set-based SQL; the site
 * is the current run's, else the previous run's.
 */
export async function buildRunDiff(db: Db, previous: string, current: string): Promise<void> {
  await db.run(`
create or replace temp table run_diff as
with

previous_gap as (
    select * from ${previous}
),

current_gap as (
    select * from ${current}
),

matched as (
    select
        coalesce(current_gap.person_id, previous_gap.person_id) as person_id,
        coalesce(current_gap.episode_id, previous_gap.episode_id) as episode_id,
        coalesce(current_gap.site, previous_gap.site) as site,
        coalesce(current_gap.rule_id, previous_gap.rule_id) as rule_id,
        previous_gap.status as previous_status,
        current_gap.status as current_status,
        previous_gap.reason as previous_reason,
        current_gap.reason as current_reason,
        previous_gap.episode_id is not null as is_in_previous,
        current_gap.episode_id is not null as is_in_current
    from previous_gap
    full outer join current_gap
        on current_gap.episode_id = previous_gap.episode_id
        and current_gap.rule_id = previous_gap.rule_id
),

-- docs/contracts.md (caregap diff): the first change that applies. A different reason under the
-- same status is not a change of status: such rows are unchanged (both reasons are in diff.csv).
final as (
    select
        person_id,
        episode_id,
        site,
        rule_id,
        previous_status,
        current_status,
        previous_reason,
        current_reason,
        case
            when not is_in_previous then 'new_episode'
            when not is_in_current then 'no_longer_present'
            when current_status = 'open' and previous_status <> 'open' then 'newly_open'
            when previous_status in ('open', 'prospective') and current_status = 'closed' then 'closed_since'
            when previous_status = 'open' and current_status = 'open' then 'still_open'
            when previous_status = 'prospective' and current_status = 'prospective' then 'still_prospective'
            when current_status = 'excluded' and previous_status <> 'excluded' then 'became_excluded'
            when current_status <> previous_status then 'other_change'
            else 'unchanged'
        end as change
    from matched
)

select * from final`);
}

/** Number of (episode_id, rule_id) keys that occur more than once in a relation (0 for a sound run). */
export async function duplicateKeys(db: Db, relation: string): Promise<number> {
  const row = await db.one<{ duplicates: number }>(
    `select count(*)::integer as duplicates from (select episode_id, rule_id from ${relation} group by all having count(*) > 1)`,
  );
  return row?.duplicates ?? 0;
}
