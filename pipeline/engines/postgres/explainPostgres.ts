import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimsFormat } from '../../loaders/claimsFormat.js';
import { eventsFormat } from '../../loaders/eventsFormat.js';
import { projectRoot } from '../../projectRoot.js';
import { loadRulePack } from '../../rules/rulePack.js';
import { tablesLeavingPostgres } from './tablesLeavingPostgres.js';

/** The names a SQL file defines with `create [or replace] function name(`. */
function functionNames(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/create\s+(?:or\s+replace\s+)?function\s+([a-z_][a-z0-9_]*)\s*\(/gi)].map((match) => match[1]!);
}

/**
 * The text `caregap explain --engine postgres` prints: what a `caregap run --engine postgres` runs
 * inside PostgreSQL, in order: the working schema, the functions it defines, the input tables and
 * checks of each format, the canonical build, the value sets and run_params, every pass of the rule
 * pack (the same SQL files as on DuckDB; `caregap explain <stage>` prints one), and what leaves by COPY.
 */
export function explainPostgres(): string {
  const root = projectRoot();
  const loaderFunctions = functionNames(join(root, 'pipeline', 'engines', 'postgres', 'loaderFunctions.sql'));
  const ruleFunctionFile = join(root, 'rules', 'functions', 'postgres.sql');
  let ruleFunctions: string[] = [];
  try {
    ruleFunctions = functionNames(ruleFunctionFile);
  } catch {
    ruleFunctions = [];
  }
  const pack = loadRulePack();
  const out: string[] = [];
  out.push(
    'caregap run --engine postgres: what runs inside PostgreSQL (docs/postgres.md)',
    '',
    '1. Checks, before anything is created: --schema exists; its tables have the contract columns',
    '   (a missing mandatory table or required column: exit 2 naming it). The input schema is only read.',
    '2. Working schema caregap_work_<pid>_<random> created; search_path set to it; dropped (cascade) at the',
    '   end, after a failure and after SIGINT/SIGTERM (the running statement is cancelled first).',
    `3. Loader functions (pipeline/engines/postgres/loaderFunctions.sql): cg_latest_date, ${loaderFunctions.join(', ')}`,
    '4. Input tables copied to raw_<table> (contract columns as text, absent optional ones null) with __line =',
    '   the row\'s position in the table sorted by its contract columns (collation "C", nulls last).',
  );
  for (const [format, sources] of [['claims', claimsFormat], ['events', eventsFormat]] as const) {
    const tables = sources.map((source) => `${source.role}${source.mandatory ? '' : ' (optional)'}`);
    out.push(`   ${format}: ${tables.join(', ')}`);
  }
  out.push(
    '5. Validation: each table\'s checks, in order, from the file loaders\' Validation data (claimsFormat.ts,',
    '   eventsFormat.ts); the first failing check is the reason; rejects go to load_reject (table, row, column, value, reason).',
    '6. Canonical tables (pipeline/sql/canonical.sql): person, coverage, clinical_event (the 25 diagnosis and',
    '   procedure slots unpivoted with cross join lateral (values ...)), inpatient_stay; persons from each',
    '   one\'s latest eligibility span; events before birth rejected; events linked to stays (events format);',
    '   persons seen only in events; tagging_event = clinical_event + event_id (row_number).',
    `7. Rule pack functions (rules/functions/postgres.sql): ${ruleFunctions.length > 0 ? ruleFunctions.join(', ') : '(none)'}`,
    '8. Value sets (shipped and --valuesets) and run_params, as tables.',
    '9. Every pass, in order, each as drop table + create table <table> as <the pass\'s select>:',
  );
  const stages = [
    ...pack.shared.map((stage) => ({ kind: 'shared', stage })),
    ...pack.rules.map((stage) => ({ kind: 'rule', stage })),
    ...pack.research.map((stage) => ({ kind: 'research', stage })),
    { kind: 'combine', stage: pack.combine },
  ];
  let number = 0;
  for (const { kind, stage } of stages) {
    for (const pass of stage.passes) {
      number += 1;
      out.push(`   ${String(number).padStart(2)}. ${pass.table}  (${kind} ${stage.id}: rules/${stage.id}/${pass.file})`);
    }
  }
  out.push(
    '10. Counted in PostgreSQL: data-quality and drug-code counts, the attrition\'s qualifying diagnoses.',
    `11. COPY ... TO STDOUT into an in-memory DuckDB: ${tablesLeavingPostgres.join(', ')}`,
    '    (episode-level or smaller; clinical_event and tagged_event stay in PostgreSQL).',
    '12. Outputs written from DuckDB exactly as in a DuckDB run: patient_gaps, episodes, rejects, reports, manifest.',
    '',
    'Each pass\'s SQL: caregap explain <stage or rule> (the same text runs on both engines).',
  );
  return `${out.join('\n')}\n`;
}
