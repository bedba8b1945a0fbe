-- Rule A evidence (docs/rules.md §4). Grain: one row per judged episode that has therapy coverage
-- overlapping [index, index + 365]: the earliest such event.
with

judged_episode as (
    select episode_id, person_id, index_date
    from episode
    where exclusion_reason is null
),

therapy as (
    select *
    from tagged_event
    where value_set = 'osteoporosis_therapy'
),

-- §4: HCPCS J0897 (denosumab, 1 mg units) counts only when its units are unknown or <= 60
-- (120 units is the oncology product); the limit is the value set's max_units column.
countable_therapy as (
    select *
    from therapy
    where units is null or max_units is null or units <= max_units
),

-- §4: each event covers [event_date, event_date + cover - 1]; cover = days_supply when given and
-- > 0, else the value set's cover_days, else 30.
therapy_cover as (
    select
        person_id,
        event_date,
        code,
        event_date
            + case when days_supply > 0 then days_supply else coalesce(cover_days, 30) end
            - 1 as cover_end_date
    from countable_therapy
),

-- §4 closed: some coverage overlaps [index, index + 365]; therapy active at the fracture counts.
overlapping_therapy as (
    select
        judged_episode.episode_id,
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
final as (
    select episode_id, index_date, event_date, code
    from overlapping_therapy
    qualify row_number() over (partition by episode_id order by event_date, code) = 1
)

select * from final
