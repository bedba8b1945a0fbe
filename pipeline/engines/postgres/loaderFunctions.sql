-- The loaders' cg_* functions for PostgreSQL: the same results as pipeline/sql/macros.sql (DuckDB)
-- for every input, so a row is accepted, rejected (with the same reason) and normalised alike on
-- both engines. Created in the run's working schema (dropped with it). The short ones are SQL
-- functions the planner inlines; those that read their argument many times are PL/pgSQL with local
-- variables (an inlined SQL function repeats its argument's expression at every use), declared
-- strict so that a null (most of the 25 procedure-date slots) is answered without a call. Where DuckDB's regular expressions (RE2)
-- and PostgreSQL's (ARE) differ, the classes are spelled out: RE2's \s is [ \t\n\f\r] and \d is
-- ASCII only; RE2's `.` does not match a line break. DuckDB's trim() removes spaces only, like
-- PostgreSQL's. cg_latest_date() is created per run by the engine (pipeline/engines/postgres/).

-- Normalised code (docs/rules.md §1): trimmed, upper-case, dots, dashes and inner spaces removed.
create function cg_code(raw text) returns text language sql immutable as $$
    select nullif(upper(regexp_replace(raw, '[ \t\n\f\r.\-]', '', 'g')), '')
$$;

-- cg_code(raw) is not null.
create function cg_has_code(raw text) returns boolean language sql immutable as $$
    select raw ~ '[^ \t\n\f\r.\-]'
$$;

-- NDC to 11 digits (5-4-2) when it is dashed; an undashed NDC is kept as given.
create function cg_ndc(raw text) returns text language sql immutable as $$
    select case
        when trim(raw) ~ '^[0-9]{1,5}-[0-9]{1,4}-[0-9]{1,2}$' then
            lpad(split_part(trim(raw), '-', 1), 5, '0')
            || lpad(split_part(trim(raw), '-', 2), 4, '0')
            || lpad(split_part(trim(raw), '-', 3), 2, '0')
        else cg_code(raw)
    end
$$;

-- Empty or blank text is missing.
create function cg_blank(raw text) returns boolean language sql immutable as $$
    select raw is null or trim(raw) = ''
$$;

-- The YYYY-MM-DD part of an ISO date (a time part allowed), or null when the text is not one.
create function cg_iso_day(raw text) returns text language sql immutable as $$
    select case when trim(raw) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][^\n]*)?$' then left(trim(raw), 10) end
$$;

-- Whether a YYYY-MM-DD text is a real calendar date (proleptic Gregorian, year 0000 included, as
-- DuckDB's try_cast reads it). Arithmetic, not a cast: PostgreSQL's cast raises an error instead.
create function cg_is_calendar_day(day text) returns boolean language plpgsql immutable strict as $$
declare
    year integer;
    month integer;
    dom integer;
begin
    if day is null then return null; end if;
    year := substr(day, 1, 4)::integer;
    month := substr(day, 6, 2)::integer;
    dom := substr(day, 9, 2)::integer;
    if month not between 1 and 12 or dom < 1 then return false; end if;
    return dom <= case
        when month in (4, 6, 9, 11) then 30
        when month <> 2 then 31
        when year % 400 = 0 then 29
        when year % 100 = 0 then 28
        when year % 4 = 0 then 29
        else 28
    end;
end
$$;

-- ISO date, a time part dropped. Null when missing, not a real calendar date, or implausible:
-- before 1900 or after cg_latest_date(). Compared as text (YYYY-MM-DD orders like the date), so
-- year 0000, which PostgreSQL's date cannot hold, is simply implausible.
create function cg_date(raw text) returns date language plpgsql stable strict as $$
declare
    day text := cg_iso_day(raw);
begin
    if cg_is_calendar_day(day) and day between '1900-01-01' and to_char(cg_latest_date(), 'YYYY-MM-DD') then
        return day::date;
    end if;
    return null;
end
$$;

-- Why the end of an enrollment or observation span cannot be used (null when it can; blank is fine).
create function cg_open_end_date_problem(raw text) returns text language plpgsql immutable strict as $$
declare
    day text;
begin
    if cg_blank(raw) then return null; end if;
    day := cg_iso_day(raw);
    if day is null then return 'unparseable date'; end if;
    if not cg_is_calendar_day(day) then return 'impossible date'; end if;
    if day < '1900-01-01' then return 'implausible date: before 1900'; end if;
    return null;
end
$$;

-- The same for any other date, which must also not lie after cg_latest_date().
create function cg_date_problem(raw text) returns text language plpgsql stable strict as $$
declare
    problem text;
    day text;
begin
    if raw is null then return null; end if;
    problem := cg_open_end_date_problem(raw);
    if problem is not null then return problem; end if;
    day := cg_iso_day(raw);
    if cg_is_calendar_day(day) and day > to_char(cg_latest_date(), 'YYYY-MM-DD') then
        return 'implausible date: after ' || to_char(cg_latest_date(), 'YYYY-MM-DD');
    end if;
    return null;
end
$$;

-- A number, or null when missing or not numeric, as DuckDB's try_cast(... as double) reads text:
-- surrounding white space ignored, `_` between digits allowed, inf/infinity/nan in any case, and a
-- value beyond the double range is +-Infinity (PostgreSQL's cast would raise an error instead).
-- Limit: an exponent of six or more digits reads as null (DuckDB: Infinity or 0).
create function cg_num_text(raw text) returns text language sql immutable as $$
    select regexp_replace(regexp_replace(raw, '^[ \t\n\f\r\v]+|[ \t\n\f\r\v]+$', '', 'g'), '([0-9])_(?=[0-9])', '\1', 'g')
$$;

create function cg_num_of(text_value text) returns double precision language plpgsql immutable strict as $$
declare
    exact numeric;
begin
    if text_value ~* '^[+-]?(inf|infinity)$' then
        return case when left(text_value, 1) = '-' then '-Infinity'::double precision else 'Infinity'::double precision end;
    end if;
    if text_value ~* '^[+-]?nan$' then return 'NaN'::double precision; end if;
    if text_value !~ '^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,5})?$' then return null; end if;
    exact := text_value::numeric;
    if abs(exact) > 1.7976931348623157e308 then
        return case when exact < 0 then '-Infinity'::double precision else 'Infinity'::double precision end;
    end if;
    if abs(exact) < 2.2250738585072014e-308 then return 0; end if;
    return exact::double precision;
end
$$;

create function cg_num(raw text) returns double precision language sql immutable as $$
    select cg_num_of(cg_num_text(raw))
$$;

-- Why a numeric value cannot be used: not a number, negative, or above a sanity ceiling.
create function cg_num_problem(raw text, what text, ceiling double precision) returns text language plpgsql immutable strict as $$
declare
    value double precision;
begin
    if cg_blank(raw) then return null; end if;
    value := cg_num(raw);
    if value is null then return what || ' is not a number'; end if;
    if value < 0 then return 'negative ' || what; end if;
    if value > ceiling then return 'absurd ' || what; end if;
    return null;
end
$$;

-- The value-set code system for a code_system label (events spell them many ways).
create function cg_code_system(raw text) returns text language sql immutable as $$
    select case regexp_replace(upper(trim(raw)), '[ \t\n\f\r._\-]', '', 'g')
        when 'ICD10CM' then 'ICD10CM' when 'ICD10' then 'ICD10CM'
        when 'ICD9CM' then 'ICD9CM' when 'ICD9' then 'ICD9CM' when 'ICD9PCS' then 'ICD9CM'
        when 'ICD9PROC' then 'ICD9CM'
        when 'ICD10PCS' then 'ICD10PCS'
        when 'CPT' then 'CPT' when 'CPT4' then 'CPT'
        when 'HCPCS' then 'HCPCS'
        when 'NDC' then 'NDC'
        when 'RXNORM' then 'RXNORM'
        when 'ATC' then 'ATC'
        when 'SNOMED' then 'SNOMED' when 'SNOMEDCT' then 'SNOMED' when 'SNOMEDCTUS' then 'SNOMED'
        when 'LOINC' then 'LOINC'
        when 'CAREGAP' then 'CAREGAP'
    end
$$;

-- The domain a code system implies when the source does not say (ICD-9-CM is ambiguous).
create function cg_domain_of(code_system text, raw_system text) returns text language sql immutable as $$
    select case
        when regexp_replace(upper(trim(raw_system)), '[ \t\n\f\r._\-]', '', 'g') in ('ICD9PCS', 'ICD9PROC') then 'procedure'
        when code_system = 'ICD10CM' then 'diagnosis'
        when code_system in ('ICD10PCS', 'CPT', 'HCPCS') then 'procedure'
        when code_system in ('NDC', 'RXNORM', 'ATC') then 'drug'
        when code_system = 'CAREGAP' then 'registry'
    end
$$;

-- CPT (five characters, the first four digits) or HCPCS level II (a letter and four digits).
create function cg_hcpcs_system(code text) returns text language sql immutable as $$
    select case
        when code ~ '^[0-9]{4}[0-9A-Z]$' then 'CPT'
        when code ~ '^[A-Z][0-9]{4}$' then 'HCPCS'
    end
$$;

-- F, M or U from the many spellings of sex/gender; null when unrecognised.
create function cg_sex(raw text) returns text language sql immutable as $$
    select case lower(trim(coalesce(raw, '')))
        when 'f' then 'F' when 'female' then 'F' when 'w' then 'F'
        when 'm' then 'M' when 'male' then 'M'
        when 'u' then 'U' when 'unknown' then 'U' when 'o' then 'U' when 'other' then 'U'
        when '' then 'U'
    end
$$;
