-- Concept tagging (docs/rules.md §1, §2). Grain: one row per (clinical event, value set).
-- Reads tagging_event (clinical_event's columns plus a unique event_id; for claims only the events
-- that can match a value set), value_set_code and run_params; every rule reads this table, not clinical_event.
--
-- The tags of an event depend only on its code system, code and domain, and an extract holds few
-- distinct codes (hundreds) for many events (millions). So the value sets are matched and ranked
-- once per distinct code (code_tag), and each event then takes its code's tags with one equality
-- join: no pattern match and no ranking per event.
with

params as (
    select as_of from run_params
),

-- The tag columns every match carries, named once; match_* are join keys only.
value_set_row as (
    select
        code_system as match_system,
        code as match_code,
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
event_in_scope as (
    select
        tagging_event.event_id,
        tagging_event.person_id,
        tagging_event.event_date,
        tagging_event.end_date,
        tagging_event.domain,
        coalesce(tagging_event.domain, '') as domain_key,
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

-- The distinct (code system, code, domain) of the events in scope; domain_key stands for a null
-- domain so that the join below is a plain equality.
event_code as (
    select distinct code_system, code, domain, domain_key
    from event_in_scope
),

-- §1: a value-set row without wildcards matches its code exactly (equality join).
exact_match as (
    select event_code.*, value_set_row.*
    from event_code
    inner join value_set_row
        on value_set_row.match_system = event_code.code_system
        and value_set_row.match_code = event_code.code
    where not value_set_row.is_pattern
),

-- §1: a value-set row with `_` or `%` is a SQL LIKE pattern (`S320___` matches every S32.0xx code).
pattern_match as (
    select event_code.*, value_set_row.*
    from event_code
    inner join value_set_row
        on value_set_row.match_system = event_code.code_system
        and event_code.code like value_set_row.match_code
    where value_set_row.is_pattern
),

any_match as (
    select * from exact_match
    union all
    select * from pattern_match
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
-- Ranked per code, not per event: every event of a code has the same matching rows.
ranked as (
    select
        domain_checked.*,
        coalesce(min(ingredient collate "C") over (partition by code_system, code, domain_key, value_set), code)
            as event_ingredient,
        row_number() over (
            partition by code_system, code, domain_key, value_set order by is_pattern, value_set_code collate "C"
        ) as tag_rank
    from domain_checked
),

code_tag as (
    select *
    from ranked
    where tag_rank = 1
),

final as (
    select
        event_in_scope.event_id,
        event_in_scope.person_id,
        event_in_scope.event_date,
        event_in_scope.end_date,
        event_in_scope.domain,
        event_in_scope.code_system,
        event_in_scope.code,
        event_in_scope.setting,
        event_in_scope.stay_id,
        event_in_scope.days_supply,
        event_in_scope.quantity,
        event_in_scope.units,
        event_in_scope.daily_dose,
        event_in_scope.dose_unit,
        event_in_scope.route,
        code_tag.value_set,
        code_tag.value_set_code,
        code_tag.ingredient,
        code_tag.cover_days,
        code_tag.strength,
        code_tag.strength_unit,
        code_tag.fracture_level,
        code_tag.procedure_type,
        code_tag.max_units,
        code_tag.event_ingredient
    from event_in_scope
    inner join code_tag
        on code_tag.code_system = event_in_scope.code_system
        and code_tag.code = event_in_scope.code
        and code_tag.domain_key = event_in_scope.domain_key
)

select * from final
