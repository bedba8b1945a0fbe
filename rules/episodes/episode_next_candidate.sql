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
-- episode_gap_days (365) after it. Computed for every qualifying date with an as-of join;
-- next_index_date is null when there is none.
gap_threshold as (
    select
        qualifying_date.person_id,
        qualifying_date.diagnosis_date,
        qualifying_date.diagnosis_date + params.episode_gap_days as threshold_date
    from qualifying_date
    cross join params
),

final as (
    select
        gap_threshold.person_id,
        gap_threshold.diagnosis_date,
        later.diagnosis_date as next_index_date
    from gap_threshold
    asof left join qualifying_date as later
        on later.person_id = gap_threshold.person_id
        and gap_threshold.threshold_date < later.diagnosis_date
)

select * from final
