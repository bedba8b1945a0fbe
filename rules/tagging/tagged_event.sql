-- Concept tagging (docs/rules.md §1, §2). Grain: one row per (clinical event, value set).
-- Reads clinical_event, value_set_code and run_params; every rule reads this table, not clinical_event.
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
-- into a CTE buffer costs four times the joins themselves; each join scans clinical_event instead.
event_in_scope as not materialized (
    select
        clinical_event.rowid as event_id,
        clinical_event.person_id,
        clinical_event.event_date,
        clinical_event.end_date,
        clinical_event.domain,
        clinical_event.code_system,
        upper(clinical_event.code) as code,
        clinical_event.setting,
        clinical_event.stay_id,
        clinical_event.days_supply,
        clinical_event.quantity,
        clinical_event.units,
        clinical_event.daily_dose,
        clinical_event.dose_unit,
        upper(clinical_event.route) as route
    from clinical_event
    cross join params
    where clinical_event.event_date <= params.as_of
),

-- §1: a value-set row without wildcards matches its code exactly (equality join).
exact_match as (
    select
        event_in_scope.*,
        value_set_row.* exclude (match_system, match_code, literal_prefix)
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
        value_set_row.* exclude (match_system, match_code, literal_prefix)
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
        value_set_row.* exclude (match_system, match_code, literal_prefix)
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
-- alphabetically first of their ingredients; a row without one gives the event's normalised code.
final as (
    select
        * exclude (is_pattern, value_set_domain),
        min(coalesce(ingredient, code)) over (partition by event_id, value_set) as event_ingredient
    from domain_checked
    qualify row_number() over (
        partition by event_id, value_set order by is_pattern, value_set_code
    ) = 1
)

select * from final
