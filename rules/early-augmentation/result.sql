-- Rule C `early-augmentation` result (docs/rules.md §6). Grain: one row per judged episode.
-- Person-window exclusions do not apply (the procedure happened); there is no prospective status.
with

judged_episode as (
    select episode_id, person_id
    from episode
    where exclusion_reason is null
),

augmentation as (
    select * from early_augmentation_first_augmentation
),

exception as (
    select * from early_augmentation_exception
),

-- §6: no augmentation in [index, index + 365]: not_applicable (no_augmentation).
-- days >= conservative_care_days: closed (after_conservative_care). Earlier: closed with the
-- exception as reason when one is documented, else open (before_90_days).
-- evidence is the augmentation itself, so reports can split vertebroplasty and kyphoplasty.
final as (
    select
        judged_episode.episode_id,
        case
            when augmentation.episode_id is null then 'not_applicable'
            when not augmentation.is_early then 'closed'
            when exception.episode_id is not null then 'closed'
            else 'open'
        end as status,
        case
            when augmentation.episode_id is null then 'no_augmentation'
            when not augmentation.is_early then 'after_conservative_care'
            when exception.episode_id is not null then exception.exception_reason
            else 'before_90_days'
        end as reason,
        augmentation.augmentation_date as evidence_date,
        augmentation.augmentation_code as evidence_code,
        augmentation.days_to_augmentation as days_to_event,
        cast(null as date) as due_date
    from judged_episode
    left join augmentation
        on augmentation.person_id = judged_episode.person_id
        and augmentation.episode_id = judged_episode.episode_id
    left join exception
        on exception.person_id = judged_episode.person_id
        and exception.episode_id = judged_episode.episode_id
)

select * from final
