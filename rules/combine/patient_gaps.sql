-- Patient-level gaps (docs/contracts.md, Outputs: patient_gaps). Grain: one row per (episode, rule).
-- Reads episode, rule_catalog (one row per rule), rule_result (the rules' result passes with
-- their rule_id) and rule_value_set (each rule's declared value sets), created by the runner, and
-- value_set_code.
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

rule_value_set_row as (
    select rule_id, value_set, ordinal from rule_value_set
),

value_set_row as (
    select value_set, code_system, code, is_pattern, nullif(trim(display), '') as display
    from value_set_code
),

evidence_code_row as (
    select distinct rule_id, evidence_code
    from result_row
    where evidence_code is not null
),

-- Display text of an evidence code (docs/reports.md): the value-set rows of the rule's own value
-- sets that match the code (docs/rules.md §1: exactly, or as a LIKE pattern). The code carries no
-- code system, so several rows can match; one is taken, deterministically: a row with a display
-- first, an exact row before a pattern, then the rule's value-set order (rule.json), code system,
-- code and display. Grain: one row per (rule, evidence code) with a match.
display_candidate as (
    select
        evidence_code_row.rule_id,
        evidence_code_row.evidence_code,
        value_set_row.display as evidence_display,
        row_number() over (
            partition by evidence_code_row.rule_id, evidence_code_row.evidence_code
            order by
                value_set_row.display is null,
                value_set_row.is_pattern,
                rule_value_set_row.ordinal,
                value_set_row.code_system collate "C",
                value_set_row.code collate "C",
                value_set_row.display collate "C"
        ) as display_rank
    from evidence_code_row
    inner join rule_value_set_row
        on rule_value_set_row.rule_id = evidence_code_row.rule_id
    inner join value_set_row
        on value_set_row.value_set = rule_value_set_row.value_set
        and (
            value_set_row.code = evidence_code_row.evidence_code
            or (value_set_row.is_pattern and evidence_code_row.evidence_code like value_set_row.code)
        )
),

evidence_display_row as (
    select rule_id, evidence_code, evidence_display
    from display_candidate
    where display_rank = 1
),

-- docs/rules.md §2: episode exclusions apply to every rule before anything else: such an episode is excluded in
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
        case when episode_row.exclusion_reason is null then result_row.due_date end as due_date,
        case when episode_row.exclusion_reason is null then evidence_display_row.evidence_display end as evidence_display
    from episode_row
    cross join rule_row
    left join result_row
        on result_row.episode_id = episode_row.episode_id
        and result_row.rule_id = rule_row.rule_id
    left join evidence_display_row
        on evidence_display_row.rule_id = result_row.rule_id
        and evidence_display_row.evidence_code = result_row.evidence_code
)

select * from final
order by person_id collate "C", index_date, rule_id collate "C"
