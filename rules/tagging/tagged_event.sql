-- Concept tagging (docs/rules.md §1, §2). Grain: one row per (clinical event, value set).
-- Reads tagging_event (clinical_event's columns plus a unique event_id; for claims only the events
-- that can match a value set), value_set_code and run_params; every rule reads this table, not clinical_event.
with

params as (
    select as_of from run_params
),

-- The tag columns every match carries, named once; match_* and literal_prefix are join keys only.
value_set_row as (
    select
        code_system as match_system,
        code as match_code,
        literal_prefix,
        value_set,
        code as value_set_code,
        is_pattern,
        domain as value_set_domain,
        ingredient,
        cover_days,
        strength,
        upper(strength_unit) as strength_unit,
        fracture_level,
        procedure_type,
        max_units
    from value_set_code
),

-- §2: events dated after as_of are ignored everywhere, look-ahead windows included.
-- Not materialised: three joins below read it, and copying every event (tens of millions of rows)
-- into a CTE buffer costs four times the joins themselves; each join scans tagging_event instead.
event_in_scope as not materialized (
    select
        tagging_event.event_id,
        tagging_event.person_id,
        tagging_event.event_date,
        tagging_event.end_date,
        tagging_event.domain,
        tagging_event.code_system,
        upper(tagging_event.code) as code,
        tagging_event.setting,
        tagging_event.stay_id,
        tagging_event.days_supply,
        tagging_event.quantity,
        tagging_event.units,
        tagging_event.daily_dose,
        tagging_event.dose_unit,
        upper(tagging_event.route) as route
    from tagging_event
    cross join params
    where tagging_event.event_date <= params.as_of
),

-- §1: a value-set row without wildcards matches its code exactly (equality join).
exact_match as (
    select
        event_in_scope.*,
        value_set_row.value_set,
        value_set_row.value_set_code,
        value_set_row.is_pattern,
        value_set_row.value_set_domain,
        value_set_row.ingredient,
        value_set_row.cover_days,
        value_set_row.strength,
        value_set_row.strength_unit,
        value_set_row.fracture_level,
        value_set_row.procedure_type,
        value_set_row.max_units
    from event_in_scope
    inner join value_set_row
        on value_set_row.match_system = event_in_scope.code_system
        and value_set_row.match_code = event_in_scope.code
    where not value_set_row.is_pattern
),

-- §1: a value-set row with `_` or `%` is a SQL LIKE pattern (`S320___` matches every S32.0xx code).
-- Patterns with at least 3 literal leading characters are joined on those first (fast path).
pattern_match as (
    select
        event_in_scope.*,
        value_set_row.value_set,
        value_set_row.value_set_code,
        value_set_row.is_pattern,
        value_set_row.value_set_domain,
        value_set_row.ingredient,
        value_set_row.cover_days,
        value_set_row.strength,
        value_set_row.strength_unit,
        value_set_row.fracture_level,
        value_set_row.procedure_type,
        value_set_row.max_units
    from event_in_scope
    inner join value_set_row
        on value_set_row.match_system = event_in_scope.code_system
        and left(value_set_row.literal_prefix, 3) = left(event_in_scope.code, 3)
        and event_in_scope.code like value_set_row.match_code
    where value_set_row.is_pattern and length(value_set_row.literal_prefix) >= 3
),

short_prefix_pattern_match as (
    select
        event_in_scope.*,
        value_set_row.value_set,
        value_set_row.value_set_code,
        value_set_row.is_pattern,
        value_set_row.value_set_domain,
        value_set_row.ingredient,
        value_set_row.cover_days,
        value_set_row.strength,
        value_set_row.strength_unit,
        value_set_row.fracture_level,
        value_set_row.procedure_type,
        value_set_row.max_units
    from event_in_scope
    inner join value_set_row
        on value_set_row.match_system = event_in_scope.code_system
        and event_in_scope.code like value_set_row.match_code
    where value_set_row.is_pattern and length(value_set_row.literal_prefix) < 3
),

any_match as (
    select * from exact_match
    union all
    select * from pattern_match
    union all
    select * from short_prefix_pattern_match
),

-- §1 (contracts, canonical tables): for ICD-9-CM only, diagnosis 805.2 and procedure 80.52 both
-- normalise to 8052, so a row matches only when the event's domain is unknown or equals the set's.
domain_checked as (
    select *
    from any_match
    where code_system <> 'ICD9CM'
        or domain is null
        or value_set_domain = 'any'
        or domain = value_set_domain
),

-- One tag per (event, value set): an exact row wins over a pattern row, then the lowest code.
-- event_ingredient (docs/rules.md §8): an event matched by several rows of a value set takes the
-- alphabetically first of their ingredients; when no matching row names one, the event's normalised
-- code (our reading: a row that names the ingredient wins over one that does not).
ranked as (
    select
        domain_checked.*,
        coalesce(min(ingredient collate "C") over (partition by person_id, event_id, value_set), code)
            as event_ingredient,
        row_number() over (
            partition by person_id, event_id, value_set order by is_pattern, value_set_code collate "C"
        ) as tag_rank
    from domain_checked
),

final as (
    select
        event_id,
        person_id,
        event_date,
        end_date,
        domain,
        code_system,
        code,
        setting,
        stay_id,
        days_supply,
        quantity,
        units,
        daily_dose,
        dose_unit,
        route,
        value_set,
        value_set_code,
        ingredient,
        cover_days,
        strength,
        strength_unit,
        fracture_level,
        procedure_type,
        max_units,
        event_ingredient
    from ranked
    where tag_rank = 1
)

select * from final
