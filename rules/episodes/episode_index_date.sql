-- Episode index dates (measures.md §2). Grain: one row per (person, index date).
with recursive

params as (
    select episode_gap_days from run_params
),

qualifying_date as (
    select distinct person_id, diagnosis_date
    from qualifying_diagnosis
),

-- §2: after an index date, the next one is the first qualifying date more than
-- episode_gap_days (365) after it. Computed for every qualifying date with an as-of join.
gap_threshold as (
    select
        qualifying_date.person_id,
        qualifying_date.diagnosis_date,
        qualifying_date.diagnosis_date + params.episode_gap_days as threshold_date
    from qualifying_date
    cross join params
),

next_candidate as (
    select
        gap_threshold.person_id,
        gap_threshold.diagnosis_date,
        later.diagnosis_date as next_index_date
    from gap_threshold
    asof left join qualifying_date as later
        on later.person_id = gap_threshold.person_id
        and gap_threshold.threshold_date < later.diagnosis_date
),

-- §2: each person's first qualifying date is an index date; the chain follows next_candidate.
index_chain as (
    select person_id, min(diagnosis_date) as index_date
    from qualifying_date
    group by person_id

    union all

    select next_candidate.person_id, next_candidate.next_index_date as index_date
    from index_chain
    inner join next_candidate
        on next_candidate.person_id = index_chain.person_id
        and next_candidate.diagnosis_date = index_chain.index_date
    where next_candidate.next_index_date is not null
),

final as (
    select person_id, index_date
    from index_chain
)

select * from final
