#!/usr/bin/env node
// Runs the rule pack on PostgreSQL through psql and compares patient_gaps and episode_export with
// DuckDB's, on the same canonical tables (docs/engines.md, "What was tested"). A developer's check,
// not part of `make test`: it needs a running PostgreSQL server and `psql`, and the built dist/.
//
//   node bench/pgRuleCheck.mjs --input DIR [--valuesets DIR] [--host /tmp/pgsql-h4] [--port 55434]
//                              [--database h4] [--user postgres] [--schema caregap_check]
//
// DuckDB loads the input and runs the rule pack; its canonical tables (and tagging_event, so both
// engines see the same event_id) go to CSV with COPY; psql creates them in a fresh schema and loads
// them with \copy; the rule pack runs there through a small Db stand-in that sends each statement
// to psql (bound parameters are written in as literals; this stand-in is for this check only);
// both engines' patient_gaps and episode_export leave as CSV, every column cast to text, in the
// same order, and are compared byte for byte. Exit 0 when identical, 1 otherwise.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { Db } from '../dist/pipeline/db.js';
import { loadInputs } from '../dist/pipeline/loaders/loadInputs.js';
import { defaultRuleParams } from '../dist/pipeline/params.js';
import { runRulePack } from '../dist/pipeline/rules/runRulePack.js';

const { values: args } = parseArgs({
  options: {
    input: { type: 'string' },
    valuesets: { type: 'string', multiple: true, default: [] },
    host: { type: 'string', default: '/tmp/pgsql-h4' },
    port: { type: 'string', default: '55434' },
    database: { type: 'string', default: 'h4' },
    user: { type: 'string', default: 'postgres' },
    schema: { type: 'string', default: 'caregap_check' },
  },
});
if (!args.input) {
  console.error('pgRuleCheck: --input DIR is required');
  process.exit(2);
}
const valueSetDirs = args.valuesets.map((dir) => resolve(dir));
const work = mkdtempSync(join(tmpdir(), 'pg-rule-check-'));

/** Runs SQL text through psql (stdin), in the check's schema; returns stdout. */
function psql(sql, extra = []) {
  return execFileSync(
    'psql',
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', args.host, '-p', args.port, '-U', args.user, '-d', args.database, ...extra, '-f', '-'],
    { input: sql, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, PGOPTIONS: `-c search_path=${args.schema} -c client_min_messages=warning` } },
  );
}

const literal = (value) => {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return `'${String(value).replaceAll("'", "''")}'`;
};
const bind = (sql, params) =>
  params ? sql.replace(/\$([a-z_][a-z0-9_]*)/g, (whole, name) => (name in params ? literal(params[name]) : whole)) : sql;

/** The Db methods runRulePack uses, on PostgreSQL through psql. */
const pgDb = {
  statements: 0,
  async run(sql, params) {
    this.statements += 1;
    psql(bind(sql, params));
  },
  async all(sql, params) {
    this.statements += 1;
    return parse(psql(bind(sql, params), ['--csv']), { columns: true });
  },
  async one(sql, params) {
    return (await this.all(sql, params))[0];
  },
  async columns(relation) {
    const header = psql(`select * from ${relation} as relation limit 0`, ['--csv']).split('\n')[0];
    return parse(header)[0] ?? [];
  },
  async version() {
    return (await this.one('select version() as v')).v;
  },
};

const canonicalDdl = `
drop schema if exists ${args.schema} cascade;
create schema ${args.schema};
set search_path = ${args.schema};
create table person (person_id text not null, birth_date date, sex text, death_date date, site text, payer text);
create table coverage (person_id text not null, start_date date not null, end_date date, payer text);
create table clinical_event (
    person_id text not null, event_date date not null, end_date date, domain text, code_system text not null,
    code text not null, setting text, stay_id text, days_supply integer, quantity double precision,
    units double precision, daily_dose double precision, dose_unit text, route text, source_file text, source_line bigint);
create table inpatient_stay (person_id text not null, stay_id text not null, admission_date date not null, discharge_date date);
create table tagging_event as select cast(null as bigint) as event_id, * from clinical_event with no data;
`;
const canonicalTables = ['person', 'coverage', 'clinical_event', 'inpatient_stay', 'tagging_event'];

/** The rows of a table as CSV, every column cast to text, in a fixed order. */
async function textExportSql(db, table, orderBy) {
  const columns = await db.columns(table);
  const list = columns.map((column) => `cast("${column}" as varchar) as "${column}"`).join(', ');
  return `select ${list} from ${table} order by ${orderBy}`;
}

const started = performance.now();
const duck = await Db.open({ threads: 1 });
let duckMs;
try {
  await loadInputs(duck, { inputDir: resolve(args.input) });
  const duckStarted = performance.now();
  await runRulePack(duck, { params: defaultRuleParams, valueSetDirs });
  duckMs = performance.now() - duckStarted;
  for (const table of canonicalTables) {
    await duck.run(`copy (select * from ${table}) to '${join(work, `${table}.csv`)}' (header, delimiter ',')`);
  }
  for (const [table, order] of [['patient_gaps', 'person_id collate "C", index_date, rule_id collate "C"'], ['episode_export', 'person_id collate "C", index_date']]) {
    await duck.run(`copy (${await textExportSql(duck, table, order)}) to '${join(work, `duckdb_${table}.csv`)}' (header, delimiter ',')`);
  }
} finally {
  duck.close();
}

psql(canonicalDdl + canonicalTables.map((table) => `\\copy ${table} from '${join(work, `${table}.csv`)}' with (format csv, header)\n`).join(''));
psql('analyze;');
const pgStarted = performance.now();
const pgStageMs = {};
await runRulePack(pgDb, { params: defaultRuleParams, valueSetDirs, engine: 'postgres', onStage: (stage, ms) => (pgStageMs[stage] = ms) });
const pgMs = performance.now() - pgStarted;
for (const [table, order] of [['patient_gaps', 'person_id collate "C", index_date, rule_id collate "C"'], ['episode_export', 'person_id collate "C", index_date']]) {
  psql(`\\copy (${(await textExportSql(pgDb, table, order)).replaceAll('\n', ' ')}) to '${join(work, `postgres_${table}.csv`)}' with (format csv, header)\n`);
}

let differences = 0;
for (const table of ['patient_gaps', 'episode_export']) {
  const duckText = readFileSync(join(work, `duckdb_${table}.csv`), 'utf8');
  const pgText = readFileSync(join(work, `postgres_${table}.csv`), 'utf8');
  const duckLines = duckText.split('\n');
  const pgLines = pgText.split('\n');
  const firstDifferent = duckLines.findIndex((line, index) => line !== pgLines[index]);
  const same = duckText === pgText;
  if (!same) differences += 1;
  console.log(
    `${table}: ${duckLines.length - 2} rows in DuckDB, ${pgLines.length - 2} in PostgreSQL: ` +
      (same ? 'identical' : `differ from line ${firstDifferent + 1}:\n  duckdb:   ${duckLines[firstDifferent]}\n  postgres: ${pgLines[firstDifferent]}`),
  );
}
console.log(
  `rule pack: DuckDB ${(duckMs / 1000).toFixed(1)} s, PostgreSQL ${(pgMs / 1000).toFixed(1)} s (${pgDb.statements} statements through psql); ` +
    `total ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
console.log(`PostgreSQL stages (ms): ${JSON.stringify(pgStageMs)}`);
if (differences === 0) rmSync(work, { recursive: true, force: true });
else console.log(`files kept in ${work}`);
process.exit(differences === 0 ? 0 : 1);
