-- The rule pack's portable functions, DuckDB side (docs/engines.md, "The cg_* functions").
-- rules/functions/postgres.sql defines the same names with the same meaning for PostgreSQL; the
-- runner creates them before the first pass. A pass may call only the functions listed here (a test
-- checks it). Each exists because the two engines have no common spelling for it.

-- A date as its ISO text YYYY-MM-DD (episode ids). PostgreSQL's cast to text follows DateStyle;
-- DuckDB has no to_char.
create or replace macro cg_date_text(calendar_date) as strftime(calendar_date, '%Y-%m-%d');

-- Integer division truncating toward zero. DuckDB's `/` on integers gives a double, PostgreSQL's
-- an integer; DuckDB's `//` does not parse in PostgreSQL.
create or replace macro cg_int_div(dividend, divisor) as dividend // divisor;
