-- The countable therapy events (docs/rules.md §4, §8). Grain: one row per osteoporosis therapy event
-- dated by as_of (tagging dropped later ones). Rule A and the therapy course both read this table, so
-- what counts as therapy, its cover days and its ingredient are defined here once.
with

therapy as (
    select
        event_id,
        person_id,
        event_date,
        code,
        days_supply,
        units,
        cover_days,
        max_units,
        event_ingredient
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

-- §4: cover = days_supply when given and > 0, else the value set's cover_days (any other 30).
-- v2: a long-acting product (its row has cover_days >= 90) always covers its cover_days, whatever
-- the days_supply: a pharmacy claim for an injection often reports days_supply 1 or 28.
with_cover as (
    select
        *,
        case
            when cover_days >= 90 then cover_days
            when days_supply > 0 then days_supply
            else coalesce(cover_days, 30)
        end as cover
    from countable_therapy
),

-- §8: the ingredient is the value-set row's, else the event's normalised code; several matching
-- rows give the alphabetically first (tagging computed event_ingredient over every matching row).
final as (
    select
        event_id,
        person_id,
        event_date,
        code,
        event_ingredient as ingredient,
        cast(cover as integer) as cover_days,
        event_date + cast(cover as integer) - 1 as cover_end_date
    from with_cover
)

select * from final
