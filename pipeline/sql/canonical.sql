-- Canonical tables: every loader (events, claims, omop, fhir) writes these and nothing else;
-- every rule reads these (after concept tagging) and nothing else. See docs/canonical-tables.md.

-- One row per person. Attributes as the source gives them; sex is F, M or U.
create table person (
    person_id varchar not null,
    birth_date date,
    sex varchar,
    death_date date,
    site varchar,
    payer varchar
);

-- Enrollment / observation spans. end_date null = still enrolled (open-ended).
create table coverage (
    person_id varchar not null,
    start_date date not null,
    end_date date,
    payer varchar
);

-- Every coded clinical fact: diagnoses, procedures, drug fills and administrations, registry notes.
-- code is normalised (trimmed, upper-case, no dots or dashes; NDC as 11 digits).
-- domain: diagnosis | procedure | drug | registry | null (unknown: ICD-9-CM codes in the events
-- format, where 805.2 the diagnosis and 80.52 the procedure normalise to the same text).
create table clinical_event (
    person_id varchar not null,
    event_date date not null,
    end_date date,
    domain varchar,
    code_system varchar not null,
    code varchar not null,
    setting varchar,
    stay_id varchar,
    days_supply integer,
    quantity double,
    units double,
    daily_dose double,
    dose_unit varchar,
    route varchar,
    source_file varchar,
    source_line bigint
);

-- What tagging reads (rules/tagging/tagged_event.sql): clinical events with a unique event_id.
-- A view of every event here; the claims loaders replace it with a table of only the events that
-- can match a value set, and clinical_event with a view; the FHIR loader with such a table over the
-- clinical_event table (docs/canonical-tables.md).
create view tagging_event as select rowid as event_id, * from clinical_event;

-- The latest event date (the default as_of) and the drug events (data-quality counts): views here,
-- tables or views over the claims loaders' line tables for claims.
create view canonical_latest_event_date as select max(event_date) as latest_date from clinical_event;
create view canonical_drug_event as select event_date, code_system, code from clinical_event where domain = 'drug';

-- Inpatient stays: admission to discharge. A stay's diagnoses are clinical_event rows with its stay_id.
create table inpatient_stay (
    person_id varchar not null,
    stay_id varchar not null,
    admission_date date not null,
    discharge_date date
);
