-- Episode index dates (docs/rules.md §2). Grain: one row per (person, index date).
with recursive

next_candidate as (
    select person_id, diagnosis_date, next_index_date
    from episode_next_candidate
),

-- §2: each person's first qualifying date is an index date; the next index date is the first
-- qualifying date more than episode_gap_days after the previous index date, and so on.
index_chain as (
    select person_id, min(diagnosis_date) as index_date
    from next_candidate
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
