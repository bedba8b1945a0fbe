/**
 * SQL text for value-set loading. Values are bound as `$name`; file paths are quoted by the caller.
 */

/** Staging table: every value-set row as read (all text), with its file, load order and line. */
export const createValueSetStage = `
create or replace temp table value_set_stage (
    ordinal integer, file varchar, line integer,
    value_set varchar, code_system varchar, code varchar, display varchar, ingredient varchar,
    cover_days varchar, strength varchar, strength_unit varchar, source varchar, verified varchar,
    fracture_level varchar, procedure_type varchar, max_units varchar
);
create or replace temp table value_set_catalog_stage (
    ordinal integer, file varchar, line integer, value_set varchar, domain varchar, description varchar
);`;

/**
 * The first invalid staged row, with what is wrong: a missing key field, an unknown code system,
 * or a number column that is not a number. `$code_systems` is the allowed list.
 */
export const findInvalidValueSetRow = `
with checked as (
    select
        file,
        line,
        ordinal,
        case
            when value_set is null or trim(value_set) = '' then 'value_set is empty'
            when code_system is null or trim(code_system) = '' then 'code_system is empty'
            when code is null or trim(code) = '' then 'code is empty'
            when not list_contains($code_systems, upper(trim(code_system)))
                then 'unknown code_system "' || code_system || '" (expected one of ' || array_to_string($code_systems, ', ') || ')'
            when cover_days is not null and try_cast(trim(cover_days) as integer) is null
                then 'cover_days "' || cover_days || '" is not a whole number'
            when strength is not null and try_cast(trim(strength) as double) is null
                then 'strength "' || strength || '" is not a number'
            when max_units is not null and try_cast(trim(max_units) as double) is null
                then 'max_units "' || max_units || '" is not a number'
            when fracture_level is not null and trim(fracture_level) not in ('lumbar', 'thoracic', 'unspecified')
                then 'fracture_level "' || fracture_level || '" is not lumbar, thoracic or unspecified'
            when procedure_type is not null and trim(procedure_type) not in ('vertebroplasty', 'kyphoplasty', 'unspecified')
                then 'procedure_type "' || procedure_type || '" is not vertebroplasty, kyphoplasty or unspecified'
        end as problem
    from value_set_stage
)
select file, line, problem
from checked
where problem is not null
order by ordinal, line
limit 1`;

/** The first invalid catalog row. `$domains` is the allowed list. */
export const findInvalidCatalogRow = `
select file, line,
    case
        when value_set is null or trim(value_set) = '' then 'value_set is empty'
        else 'unknown domain "' || coalesce(domain, '') || '" (expected one of ' || array_to_string($domains, ', ') || ')'
    end as problem
from value_set_catalog_stage
where value_set is null or trim(value_set) = '' or domain is null or not list_contains($domains, trim(domain))
order by ordinal, line
limit 1`;

/**
 * The effective value sets: codes normalised like event codes (trim, upper-case, dots and dashes
 * dropped, a dashed NDC padded to 5-4-2), keyed by (value_set, code_system, code), the row loaded
 * last winning. A code with `%` or `_` is a LIKE pattern, except in CAREGAP, whose own codes
 * (CALCIUM_SUPPLEMENT) contain underscores.
 */
export const createValueSetCode = `
create or replace table value_set_catalog as
select trim(value_set) as value_set, trim(domain) as domain, description
from value_set_catalog_stage
qualify row_number() over (partition by trim(value_set) order by ordinal desc, line desc) = 1;

create or replace table value_set_code as
with normalised as (
    select
        trim(value_set) as value_set,
        upper(trim(code_system)) as code_system,
        case
            when upper(trim(code_system)) = 'NDC' and regexp_full_match(trim(code), '[0-9]{1,5}-[0-9]{1,4}-[0-9]{1,2}')
                then lpad(split_part(trim(code), '-', 1), 5, '0')
                    || lpad(split_part(trim(code), '-', 2), 4, '0')
                    || lpad(split_part(trim(code), '-', 3), 2, '0')
            else regexp_replace(upper(trim(code)), '[.-]', '', 'g')
        end as code,
        display,
        ingredient,
        cast(trim(cover_days) as integer) as cover_days,
        cast(trim(strength) as double) as strength,
        trim(strength_unit) as strength_unit,
        trim(fracture_level) as fracture_level,
        trim(procedure_type) as procedure_type,
        cast(trim(max_units) as double) as max_units,
        source,
        trim(verified) as verified,
        file as origin_file,
        line as origin_line,
        ordinal
    from value_set_stage
),
effective as (
    select *
    from normalised
    qualify row_number() over (partition by value_set, code_system, code order by ordinal desc, origin_line desc) = 1
)
select
    effective.value_set,
    effective.code_system,
    effective.code,
    effective.code_system <> 'CAREGAP' and (contains(effective.code, '%') or contains(effective.code, '_')) as is_pattern,
    regexp_extract(effective.code, '^[^%_]*') as literal_prefix,
    coalesce(value_set_catalog.domain, 'any') as domain,
    effective.display,
    effective.ingredient,
    effective.cover_days,
    effective.strength,
    effective.strength_unit,
    effective.fracture_level,
    effective.procedure_type,
    effective.max_units,
    effective.source,
    effective.verified,
    effective.origin_file,
    effective.origin_line
from effective
left join value_set_catalog on value_set_catalog.value_set = effective.value_set
order by effective.value_set, effective.code_system, effective.code;`;

/** SHA-256 of the effective value sets, every semantic column, in a fixed order. */
export const hashValueSetCode = `
select count(*) as row_count, sha256(coalesce(string_agg(concat_ws(chr(9),
    value_set, code_system, code, domain,
    coalesce(display, ''), coalesce(ingredient, ''), coalesce(cast(cover_days as varchar), ''),
    coalesce(cast(strength as varchar), ''), coalesce(strength_unit, ''), coalesce(fracture_level, ''),
    coalesce(procedure_type, ''), coalesce(cast(max_units as varchar), ''),
    coalesce(source, ''), coalesce(verified, '')
), chr(10) order by value_set, code_system, code), '')) as hash
from value_set_code`;
