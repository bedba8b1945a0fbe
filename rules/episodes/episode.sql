-- Episodes (docs/rules.md §2). Grain: one row per episode (person, index date).
-- exclusion_reason is null for episodes the rules judge.
with

params as (
    select as_of, min_age, level from run_params
),

index_date as (
    select person_id, index_date from episode_index_date
),

-- §2 fracture level (a stratum): from the qualifying diagnoses on the index date. When one date
-- carries several levels, lumbar wins over thoracic, and both over unspecified (our choice).
index_level as (
    select
        person_id,
        diagnosis_date as index_date,
        min(case fracture_level when 'lumbar' then 1 when 'thoracic' then 2 else 3 end) as level_rank
    from qualifying_diagnosis
    group by person_id, diagnosis_date
),

-- §2: sex, site and payer come from person; a person missing there has no birth date.
with_person as (
    select
        index_date.person_id || ':' || cg_date_text(index_date.index_date) as episode_id,
        index_date.person_id,
        index_date.index_date,
        case index_level.level_rank when 1 then 'lumbar' when 2 then 'thoracic' else 'unspecified' end
            as fracture_level,
        person.birth_date,
        person.death_date,
        person.sex,
        person.site,
        person.payer
    from index_date
    inner join index_level
        on index_level.person_id = index_date.person_id
        and index_level.index_date = index_date.index_date
    left join person on person.person_id = index_date.person_id
),

-- §2 age: completed years between the dates, minus one when the index month/day falls before the
-- birth month/day (so a 29 February birthday is reached on 1 March in other years).
aged as (
    select
        *,
        cast(
            extract(year from index_date) - extract(year from birth_date)
            - case
                when extract(month from index_date) * 100 + extract(day from index_date)
                    < extract(month from birth_date) * 100 + extract(day from birth_date)
                    then 1
                else 0
            end
        as integer) as age_at_index
    from with_person
),

-- §2 malignancy: a malignancy_exclusion diagnosis from 365 days before to 30 days after the index
-- date (diagnoses after as_of were dropped by tagging).
malignancy_episode as (
    select distinct aged.person_id, aged.episode_id
    from aged
    inner join tagged_event
        on tagged_event.person_id = aged.person_id
        and tagged_event.value_set = 'malignancy_exclusion'
        and tagged_event.event_date between aged.index_date - 365 and aged.index_date + 30
),

-- §2 episode exclusions, in order; the first that applies is the reason.
with_exclusion as (
    select
        aged.*,
        case
            when aged.birth_date is null then 'unknown_age'
            when aged.age_at_index < params.min_age then 'age_under_min'
            when malignancy_episode.episode_id is not null then 'malignancy'
        end as exclusion_reason
    from aged
    cross join params
    left join malignancy_episode
        on malignancy_episode.person_id = aged.person_id
        and malignancy_episode.episode_id = aged.episode_id
),

-- §2 `--level`: when given, only episodes of that fracture level exist.
final as (
    select
        with_exclusion.episode_id,
        with_exclusion.person_id,
        with_exclusion.index_date,
        with_exclusion.fracture_level,
        with_exclusion.age_at_index,
        with_exclusion.sex,
        with_exclusion.site,
        with_exclusion.payer,
        with_exclusion.birth_date,
        with_exclusion.death_date,
        with_exclusion.exclusion_reason
    from with_exclusion
    cross join params
    where params.level is null or with_exclusion.fracture_level = params.level
)

select * from final
