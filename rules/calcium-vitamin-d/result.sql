-- Rule B `calcium-vitamin-d` result (docs/rules.md §3, §5). Grain: one row per judged episode.
with

params as (
    select as_of from run_params
),

judged_episode as (
    select episode_id, person_id, index_date
    from episode
    where exclusion_reason is null
),

person_window as (
    select episode_id, person_id, person_window_reason
    from episode_person_window
),

evidence as (
    select * from calcium_vitamin_d_evidence
),

-- §5: the first satisfying event of each component (earliest date, lowest code on ties), for
-- evidence_date / evidence_code.
ranked_satisfying as (
    select
        episode_id,
        person_id,
        component,
        event_date,
        code,
        row_number() over (
            partition by person_id, episode_id, component order by event_date, code collate "C"
        ) as satisfying_rank
    from evidence
    where is_satisfying
),

first_satisfying as (
    select episode_id, person_id, component, event_date, code
    from ranked_satisfying
    where satisfying_rank = 1
),

-- §5: per component, whether there is any evidence and whether any of it satisfies.
evidence_flags as (
    select
        episode_id,
        person_id,
        bool_or(component = 'calcium') as has_calcium,
        bool_or(component = 'calcium' and is_satisfying) as has_calcium_satisfied,
        bool_or(component = 'vitamin_d') as has_vitamin_d,
        bool_or(component = 'vitamin_d' and is_satisfying) as has_vitamin_d_satisfied
    from evidence
    group by episode_id, person_id
),

component_summary as (
    select
        evidence_flags.*,
        first_calcium.event_date as calcium_date,
        first_calcium.code as calcium_code,
        first_vitamin_d.event_date as vitamin_d_date,
        first_vitamin_d.code as vitamin_d_code
    from evidence_flags
    left join first_satisfying as first_calcium
        on first_calcium.person_id = evidence_flags.person_id
        and first_calcium.episode_id = evidence_flags.episode_id
        and first_calcium.component = 'calcium'
    left join first_satisfying as first_vitamin_d
        on first_vitamin_d.person_id = evidence_flags.person_id
        and first_vitamin_d.episode_id = evidence_flags.episode_id
        and first_vitamin_d.component = 'vitamin_d'
),

-- §3: person-window exclusions come first and win over closed.
-- §5: closed (supplemented) when both components are satisfied; else open once
-- as_of >= index + 365, else prospective with due_date = index + 365.
judged as (
    select
        judged_episode.episode_id,
        judged_episode.index_date,
        person_window.person_window_reason,
        coalesce(component_summary.has_calcium, false) as has_calcium,
        coalesce(component_summary.has_calcium_satisfied, false) as has_calcium_satisfied,
        coalesce(component_summary.has_vitamin_d, false) as has_vitamin_d,
        coalesce(component_summary.has_vitamin_d_satisfied, false) as has_vitamin_d_satisfied,
        component_summary.calcium_date,
        component_summary.calcium_code,
        component_summary.vitamin_d_date,
        component_summary.vitamin_d_code,
        case
            when person_window.person_window_reason is not null then 'excluded'
            when component_summary.has_calcium_satisfied and component_summary.has_vitamin_d_satisfied
                then 'closed'
            when params.as_of >= judged_episode.index_date + 365 then 'open'
            else 'prospective'
        end as status
    from judged_episode
    cross join params
    left join person_window
        on person_window.person_id = judged_episode.person_id
        and person_window.episode_id = judged_episode.episode_id
    left join component_summary
        on component_summary.person_id = judged_episode.person_id
        and component_summary.episode_id = judged_episode.episode_id
),

-- §5 reasons: supplemented, or "+"-joined missing_calcium | low_calcium_dose, then
-- missing_vitamin_d | low_vitamin_d_dose. Evidence of a closed episode is the event that completed
-- it: the later of the first satisfying calcium and vitamin D events.
final as (
    select
        episode_id,
        status,
        case status
            when 'excluded' then person_window_reason
            when 'closed' then 'supplemented'
            else concat_ws('+',
                case
                    when not has_calcium then 'missing_calcium'
                    when not has_calcium_satisfied then 'low_calcium_dose'
                end,
                case
                    when not has_vitamin_d then 'missing_vitamin_d'
                    when not has_vitamin_d_satisfied then 'low_vitamin_d_dose'
                end
            )
        end as reason,
        case when status = 'closed' then greatest(calcium_date, vitamin_d_date) end as evidence_date,
        case
            when status = 'closed' then
                case when vitamin_d_date > calcium_date then vitamin_d_code else calcium_code end
        end as evidence_code,
        case
            when status = 'closed' then cast(greatest(calcium_date, vitamin_d_date) - index_date as integer)
        end as days_to_event,
        case when status = 'prospective' then index_date + 365 end as due_date
    from judged
)

select * from final
