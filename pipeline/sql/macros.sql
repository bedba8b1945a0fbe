-- Scalar macros shared by every loader. Inputs are raw text (all_varchar reads).

-- Normalised code (docs/rules.md §1): trimmed, upper-case, dots, dashes and inner spaces removed.
-- A value already of upper-case letters and digits only is its own code (one cheap match instead
-- of a replace and upper-casing per value).
create or replace macro cg_code(raw) as
    case
        when regexp_full_match(raw, '[A-Z0-9]+') then raw
        else nullif(upper(regexp_replace(raw, '[\s.\-]', '', 'g')), '')
    end;

-- cg_code(raw) is not null, in one regex match: a filter over 200M unpivoted code slots would
-- otherwise run cg_code's regexp_replace twice per slot (nullif does not share the expression).
create or replace macro cg_has_code(raw) as regexp_matches(raw, '[^\s.\-]');

-- NDC to 11 digits (5-4-2) when it is dashed; an undashed NDC is kept as given.
create or replace macro cg_ndc(raw) as
    case
        -- Already a code of capitals and digits (the usual undashed NDC): its own code, as cg_code
        -- gives; one match instead of a trim and two (a CSV file's every fill runs them).
        when regexp_full_match(raw, '[A-Z0-9]+') then raw
        when trim(raw) similar to '[0-9]{1,5}-[0-9]{1,4}-[0-9]{1,2}' then
            lpad(split_part(trim(raw), '-', 1), 5, '0')
            || lpad(split_part(trim(raw), '-', 2), 4, '0')
            || lpad(split_part(trim(raw), '-', 3), 2, '0')
        else cg_code(raw)
    end;

-- Empty or blank text is missing.
create or replace macro cg_blank(raw) as raw is null or trim(raw) = '';

-- ISO date, a time part dropped. Null when missing, not a real calendar date, or implausible:
-- before 1900 or after cg_latest_date() (the run date, or --as-of when later; loadInputs.ts
-- defines it). See docs/canonical-tables.md, "Implausible dates".
create or replace macro cg_plausible_date(day) as
    case when day between date '1900-01-01' and cg_latest_date() then day end;

-- The first branch is the common plain YYYY-MM-DD within range, which the second branch would read
-- the same: such a text is parsed once, and one that is not a real day is null by either branch.
-- cg_plain_date_shape and cg_plain_date_value are defined per file in the form that is cheaper for
-- its text (pipeline/loaders/plainDateMacros.ts): a fraction of the trim, regular expression and
-- cast of the second branch.
create or replace macro cg_date(raw) as
    case
        when cg_plain_date_shape(raw) then cg_plain_date_value(raw)
        when regexp_full_match(trim(raw), '\d{4}-\d{2}-\d{2}([T ].*)?')
            then cg_plausible_date(try_cast(left(trim(raw), 10) as date))
    end;

-- Why a date value cannot be used, or null when it can (missing is fine here; callers check
-- required columns themselves), for the end of an enrollment or observation span: a far-future
-- end (9999-12-31 is a common spelling of "still enrolled") is accepted, and cg_date makes it
-- null, i.e. open-ended.
create or replace macro cg_open_end_date_problem(raw) as
    case
        when cg_blank(raw) then null
        when not regexp_full_match(trim(raw), '\d{4}-\d{2}-\d{2}([T ].*)?') then 'unparseable date'
        when try_cast(left(trim(raw), 10) as date) is null then 'impossible date'
        when try_cast(left(trim(raw), 10) as date) < date '1900-01-01' then 'implausible date: before 1900'
    end;

-- The same for any other date, which must also not lie after cg_latest_date().
create or replace macro cg_date_problem(raw) as
    coalesce(
        cg_open_end_date_problem(raw),
        case
            when try_cast(left(trim(raw), 10) as date) > cg_latest_date()
                then 'implausible date: after ' || strftime(cg_latest_date(), '%Y-%m-%d')
        end
    );

-- A number, or null when missing or not numeric.
create or replace macro cg_num(raw) as try_cast(nullif(trim(raw), '') as double);

-- Why a numeric value cannot be used: not a number, negative, or above a sanity ceiling.
create or replace macro cg_num_problem(raw, what, ceiling) as
    case
        when cg_blank(raw) then null
        when cg_num(raw) is null then what || ' is not a number'
        when cg_num(raw) < 0 then 'negative ' || what
        when cg_num(raw) > ceiling then 'absurd ' || what
    end;

-- The value-set code system for a code_system label (events, OMOP and FHIR spell them many ways).
create or replace macro cg_code_system(raw) as
    case regexp_replace(upper(trim(raw)), '[\s._\-]', '', 'g')
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
    end;

-- The domain a code system implies when the source does not say (ICD-9-CM is ambiguous).
create or replace macro cg_domain_of(code_system, raw_system) as
    case
        when regexp_replace(upper(trim(raw_system)), '[\s._\-]', '', 'g') in ('ICD9PCS', 'ICD9PROC') then 'procedure'
        when code_system = 'ICD10CM' then 'diagnosis'
        when code_system in ('ICD10PCS', 'CPT', 'HCPCS') then 'procedure'
        when code_system in ('NDC', 'RXNORM', 'ATC') then 'drug'
        when code_system = 'CAREGAP' then 'registry'
    end;

-- CPT (five characters, the first four digits) or HCPCS level II (a letter and four digits).
create or replace macro cg_hcpcs_system(code) as
    case
        -- GLOB, not a regular expression: the same whole-text match of five ASCII characters, at
        -- half the cost on a CSV file's plain text.
        when code glob '[0-9][0-9][0-9][0-9][0-9A-Z]' then 'CPT'
        when code glob '[A-Z][0-9][0-9][0-9][0-9]' then 'HCPCS'
    end;

-- F, M or U from the many spellings of sex/gender; null when unrecognised.
create or replace macro cg_sex(raw) as
    case lower(trim(coalesce(raw, '')))
        when 'f' then 'F' when 'female' then 'F' when 'w' then 'F'
        when 'm' then 'M' when 'male' then 'M'
        when 'u' then 'U' when 'unknown' then 'U' when 'o' then 'U' when 'other' then 'U'
        when '' then 'U'
    end;
