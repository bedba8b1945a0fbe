-- Candidate next index dates (docs/rules.md §2). Grain: one row per (person, qualifying date).
with

params as (
    select episode_gap_days from run_params
),

qualifying_date as (
    select distinct person_id, diagnosis_date
    from qualifying_diagnosis
),

-- §2: after an index date, the next one is the first qualifying date more than
-- episode_gap_days (365) after it. Computed for every qualifying date; next_index_date is null
-- when there is none. One ordered stream per person holds the qualifying dates and, for each,
-- its threshold (date + episode_gap_days); the first qualifying date strictly after a threshold
-- is the least date at or after the threshold's place in the stream, a date equal to the
-- threshold sorting before it (a window, not a join, so many dates per person stay linear).
timeline as (
    select
        qualifying_date.person_id,
        qualifying_date.diagnosis_date as sort_date,
        0 as is_threshold,
        qualifying_date.diagnosis_date,
        cast(null as date) as source_date
    from qualifying_date

    union all

    select
        qualifying_date.person_id,
        qualifying_date.diagnosis_date + params.episode_gap_days as sort_date,
        1 as is_threshold,
        cast(null as date) as diagnosis_date,
        qualifying_date.diagnosis_date as source_date
    from qualifying_date
    cross join params
),

next_after_threshold as (
    select
        person_id,
        is_threshold,
        source_date,
        min(diagnosis_date) over (
            partition by person_id
            order by sort_date, is_threshold
            rows between current row and unbounded following
        ) as next_index_date
    from timeline
),

final as (
    select
        person_id,
        source_date as diagnosis_date,
        next_index_date
    from next_after_threshold
    where is_threshold = 1
)

select * from final
