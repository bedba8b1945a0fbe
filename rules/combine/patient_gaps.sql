-- Patient-level gaps (docs/contracts.md, Outputs: patient_gaps). Grain: one row per (episode, rule).
-- Reads episode, rule_catalog (one row per rule) and rule_result (the rules' result passes with
-- their rule_id), both created by the runner.
with

episode_row as (
    select * from episode
),

rule_row as (
    select rule_id from rule_catalog
),

result_row as (
    select * from rule_result
),

-- docs/rules.md §2: episode exclusions apply to every rule first: such an episode is excluded in
-- all rules with the episode's reason; every other episode takes its rule's result.
final as (
    select
        episode_row.person_id,
        episode_row.episode_id,
        episode_row.index_date,
        episode_row.fracture_level,
        episode_row.age_at_index,
        episode_row.sex,
        episode_row.site,
        episode_row.payer,
        rule_row.rule_id,
        case when episode_row.exclusion_reason is not null then 'excluded' else result_row.status end as status,
        coalesce(episode_row.exclusion_reason, result_row.reason) as reason,
        case when episode_row.exclusion_reason is null then result_row.evidence_date end as evidence_date,
        case when episode_row.exclusion_reason is null then result_row.evidence_code end as evidence_code,
        case when episode_row.exclusion_reason is null then result_row.days_to_event end as days_to_event,
        case when episode_row.exclusion_reason is null then result_row.due_date end as due_date
    from episode_row
    cross join rule_row
    left join result_row
        on result_row.episode_id = episode_row.episode_id
        and result_row.rule_id = rule_row.rule_id
)

select * from final
order by person_id, index_date, rule_id
