-- Rule B evidence (docs/rules.md §5). Grain: one row per (judged episode, supplement event,
-- component); a calcium + vitamin D combination appears once per component.
with

params as (
    select as_of, calcium_min_mg, vitamin_d_min_iu from run_params
),

judged_episode as (
    select episode_id, person_id, index_date
    from episode
    where exclusion_reason is null
),

-- §5: calcium_supplement and vitamin_d_supplement events (combinations are in both sets).
-- IV calcium does not count (active vitamin D is simply not in the value set).
supplement as (
    select
        *,
        case value_set when 'calcium_supplement' then 'calcium' else 'vitamin_d' end as component,
        case value_set when 'calcium_supplement' then 'MG' else 'IU' end as component_unit
    from tagged_event
    where value_set in ('calcium_supplement', 'vitamin_d_supplement')
        and not (
            value_set = 'calcium_supplement'
            and coalesce(route, '') in ('IV', 'INTRAVENOUS')
        )
),

-- §5 evidence window: [index - 180, min(index + 365, as_of)].
in_window as (
    select
        judged_episode.episode_id,
        judged_episode.index_date,
        supplement.*
    from judged_episode
    cross join params
    inner join supplement
        on supplement.person_id = judged_episode.person_id
        and supplement.event_date between judged_episode.index_date - 180
            and least(judged_episode.index_date + 365, params.as_of)
),

-- §5 daily dose: the event's daily_dose, else strength x quantity / days_supply when the value set
-- gives a strength and quantity and days_supply are both > 0; otherwise unknown. A dose stated in
-- another unit than the component's (mg calcium, IU vitamin D) is not used for that component.
dosed as (
    select
        *,
        case
            when daily_dose is not null and (dose_unit is null or upper(dose_unit) = component_unit)
                then daily_dose
            when strength is not null and (strength_unit is null or strength_unit = component_unit)
                and quantity > 0 and days_supply > 0
                then strength * quantity / days_supply
        end as daily_dose_value
    from in_window
),

-- §5: judged per event, never summed. An unknown dose cannot be judged low and satisfies; a known
-- dose satisfies at or above calcium_min_mg (1000) or vitamin_d_min_iu (800).
final as (
    select
        dosed.episode_id,
        dosed.person_id,
        dosed.index_date,
        dosed.event_id,
        dosed.event_date,
        dosed.code,
        dosed.component,
        dosed.daily_dose_value,
        dosed.daily_dose_value is null
            or dosed.daily_dose_value >= case dosed.component
                when 'calcium' then params.calcium_min_mg
                else params.vitamin_d_min_iu
            end as is_satisfying
    from dosed
    cross join params
)

select * from final
