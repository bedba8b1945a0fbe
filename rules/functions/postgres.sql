-- The rule pack's portable functions, PostgreSQL side (docs/engines.md, "The cg_* functions").
-- rules/functions/duckdb.sql defines the same names with the same meaning for DuckDB; the runner
-- creates them (in the working schema, first on the search_path) before the first pass. Plain SQL
-- functions, so the planner inlines them into the passes.

-- A date as its ISO text YYYY-MM-DD, whatever the session's DateStyle.
-- Stable, like to_char itself, so that the planner can inline it.
create or replace function cg_date_text(calendar_date date) returns text
language sql stable strict parallel safe
as $$ select to_char(calendar_date, 'YYYY-MM-DD') $$;

-- Integer division truncating toward zero (integer `/` in PostgreSQL).
create or replace function cg_int_div(dividend bigint, divisor bigint) returns bigint
language sql immutable strict parallel safe
as $$ select dividend / divisor $$;
