-- Rule A evidence (docs/rules.md §4). Grain: one row per judged episode that has therapy coverage
-- overlapping [index, index + 365]: the earliest such event.
with

judged_episode as (
    select episode_id, person_id, index_date
    from episode
    where exclusion_reason is null
),

-- §4: the countable therapy events with their cover (shared pass rules/therapy-events: the
-- J0897 unit rule, days_supply, the value set's cover_days, long-acting products).
therapy_cover as (
    select person_id, event_date, code, cover_end_date
    from therapy_event
),

-- §4 closed: some coverage overlaps [index, index + 365]; therapy active at the fracture counts.
overlapping_therapy as (
    select
        judged_episode.episode_id,
        judged_episode.person_id,
        judged_episode.index_date,
        therapy_cover.event_date,
        therapy_cover.code
    from judged_episode
    inner join therapy_cover
        on therapy_cover.person_id = judged_episode.person_id
        and therapy_cover.event_date <= judged_episode.index_date + 365
        and therapy_cover.cover_end_date >= judged_episode.index_date
),

-- §4: the evidence is the earliest such event (lowest code on ties).
ranked as (
    select
        *,
        row_number() over (partition by person_id, episode_id order by event_date, code collate "C") as evidence_rank
    from overlapping_therapy
),

final as (
    select episode_id, person_id, index_date, event_date, code
    from ranked
    where evidence_rank = 1
)

select * from final
