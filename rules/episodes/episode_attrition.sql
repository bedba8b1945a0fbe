-- Attrition from fracture diagnoses to judged episodes (docs/rules.md §2), for reports.
-- Grain: one row per step; n counts rows at that step (episodes: after the --level filter).
with

-- Every fracture-set diagnosis dated by as_of, any 7th character.
fracture_diagnosis as (
    select count(*) as n
    from tagged_event
    where value_set in ('vertebral_fracture_osteoporotic', 'vertebral_fracture_other')
),

qualifying as (
    select count(*) as n from qualifying_diagnosis
),

index_dates as (
    select count(*) as n from episode_index_date
),

episodes as (
    select count(*) as n from episode
),

excluded as (
    select
        count(*) filter (where exclusion_reason = 'unknown_age') as unknown_age,
        count(*) filter (where exclusion_reason = 'age_under_min') as age_under_min,
        count(*) filter (where exclusion_reason = 'malignancy') as malignancy,
        count(*) filter (where exclusion_reason is null) as judged
    from episode
),

step_count as (
    select 1 as step, 'fracture_diagnoses' as stage, (select n from fracture_diagnosis) as n
    union all select 2, 'qualifying_diagnoses', (select n from qualifying)
    union all select 3, 'index_dates', (select n from index_dates)
    union all select 4, 'episodes', (select n from episodes)
    union all select 5, 'excluded_unknown_age', (select unknown_age from excluded)
    union all select 6, 'excluded_age_under_min', (select age_under_min from excluded)
    union all select 7, 'excluded_malignancy', (select malignancy from excluded)
    union all select 8, 'judged', (select judged from excluded)
),

final as (
    select step, stage, cast(n as integer) as n
    from step_count
)

select * from final
order by step
