-- Rule A `untreated-12m` result (docs/rules.md §3, §4). Grain: one row per judged episode.
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

therapy as (
    select episode_id, person_id, event_date, code
    from untreated_12m_therapy_event
),

-- §3: person-window exclusions come first and win over closed.
-- §4: closed when therapy covers part of [index, index + 365]; otherwise no_therapy, open once
-- as_of >= index + 365, else prospective with due_date = index + 365.
judged as (
    select
        judged_episode.episode_id,
        judged_episode.index_date,
        person_window.person_window_reason,
        therapy.event_date as therapy_date,
        therapy.code as therapy_code,
        case
            when person_window.person_window_reason is not null then 'excluded'
            when therapy.episode_id is not null then 'closed'
            when params.as_of >= judged_episode.index_date + 365 then 'open'
            else 'prospective'
        end as status
    from judged_episode
    cross join params
    left join person_window
        on person_window.person_id = judged_episode.person_id
        and person_window.episode_id = judged_episode.episode_id
    left join therapy
        on therapy.person_id = judged_episode.person_id
        and therapy.episode_id = judged_episode.episode_id
),

-- §4 reasons: therapy_active_at_fracture when the evidence started before the index date,
-- therapy_started when on or after it; days_to_event = evidence_date - index (may be < 0).
final as (
    select
        episode_id,
        status,
        case status
            when 'excluded' then person_window_reason
            when 'closed' then
                case when therapy_date < index_date then 'therapy_active_at_fracture' else 'therapy_started' end
            else 'no_therapy'
        end as reason,
        case when status = 'closed' then therapy_date end as evidence_date,
        case when status = 'closed' then therapy_code end as evidence_code,
        case when status = 'closed' then cast(therapy_date - index_date as integer) end as days_to_event,
        case when status = 'prospective' then index_date + 365 end as due_date
    from judged
)

select * from final
