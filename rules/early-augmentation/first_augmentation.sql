-- Rule C augmentation (docs/rules.md §6). Grain: one row per judged episode with a vertebral
-- augmentation dated in [index, index + 365]: the first one. procedure_type (vertebroplasty,
-- kyphoplasty, unspecified) comes from the value set, for reports that split on it.
with

params as (
    select conservative_care_days from run_params
),

judged_episode as (
    select episode_id, person_id, index_date
    from episode
    where exclusion_reason is null
),

augmentation as (
    select person_id, event_date, code_system, code, coalesce(procedure_type, 'unspecified') as procedure_type
    from tagged_event
    where value_set = 'vertebral_augmentation'
),

-- §6: the first augmentation dated in [index, index + 365] is judged (lowest code on ties).
first_augmentation as (
    select
        judged_episode.episode_id,
        judged_episode.person_id,
        judged_episode.index_date,
        augmentation.event_date as augmentation_date,
        augmentation.code_system as augmentation_code_system,
        augmentation.code as augmentation_code,
        augmentation.procedure_type,
        row_number() over (
            partition by judged_episode.person_id, judged_episode.episode_id
            order by augmentation.event_date, augmentation.code collate "C"
        ) as augmentation_rank
    from judged_episode
    inner join augmentation
        on augmentation.person_id = judged_episode.person_id
        and augmentation.event_date between judged_episode.index_date and judged_episode.index_date + 365
),

-- §6: days = augmentation date - index; before conservative_care_days (90) it is early.
final as (
    select
        first_augmentation.episode_id,
        first_augmentation.person_id,
        first_augmentation.index_date,
        first_augmentation.augmentation_date,
        first_augmentation.augmentation_code_system,
        first_augmentation.augmentation_code,
        first_augmentation.procedure_type,
        cast(first_augmentation.augmentation_date - first_augmentation.index_date as integer) as days_to_augmentation,
        first_augmentation.augmentation_date - first_augmentation.index_date < params.conservative_care_days as is_early
    from first_augmentation
    cross join params
    where first_augmentation.augmentation_rank = 1
)

select * from final
