import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileLedger, LoadResult } from '../../loaders/loadInputs.js';
import { linkEventsToStaysSql } from '../../loaders/eventsFormat.js';
import { canonicalRowCountSql, latestPlausibleDate } from '../../loaders/loadInputs.js';
import { projectRoot } from '../../projectRoot.js';
import { quotedString } from '../../sql.js';
import { loadClaimsInPostgres, loadEventsInPostgres, type TableLoad } from './canonicalInPostgres.js';
import { copyInputTable, findInputTables, type InputTable, type PgInputFormat } from './inputTables.js';
import type { PgDb } from './pgDb.js';

function readSql(...parts: string[]): string {
  return readFileSync(join(projectRoot(), ...parts), 'utf8');
}

/**
 * The canonical tables (pipeline/sql/canonical.sql) and the reject ledger, in PostgreSQL's types:
 * the one DDL source, with DuckDB's `double` spelled `double precision`. DuckDB's `tagging_event`
 * view (rowid as event_id) is left out: loadInPostgres makes its own, with a row_number.
 */
export function canonicalDdl(): string {
  return [readSql('pipeline', 'sql', 'canonical.sql'), readSql('pipeline', 'sql', 'ledger.sql')]
    .join('\n')
    .replace(/create\s+(or\s+replace\s+)?view\s+tagging_event\b[^;]*;/gi, '')
    .replace(/\bdouble\b(?!\s+precision)/g, 'double precision');
}

/** Creates cg_latest_date() and the loaders' cg_* functions in the working schema. */
export async function createLoaderFunctions(db: PgDb, latestDate: string): Promise<void> {
  const day = latestDate.replace(/[^0-9-]/g, '');
  await db.run(`create function cg_latest_date() returns date language sql immutable as $$ select date '${day}' $$`);
  await db.run(readSql('pipeline', 'engines', 'postgres', 'loaderFunctions.sql'));
}

/** The column dating a role's events, as the rejects name it (beforeBirth.ts). */
const dateColumnOf: Record<string, string> = { events: 'event_date', medical_claim: 'claim_start_date', pharmacy_claim: 'dispensing_date' };

/** beforeBirth.ts in PostgreSQL: events dated before their person's birth leave, their rows are rejected. */
async function rejectEventsBeforeBirth(db: PgDb, loads: Map<string, TableLoad>): Promise<void> {
  const roles = [...loads.keys()].map((role) => `(${quotedString(role)}, ${quotedString(dateColumnOf[role] ?? 'event_date')})`);
  await db.run(`
    create unlogged table before_birth as
    with events as (
        select event.source_file as file, event.source_line as line, min(event.event_date) as event_date
        from clinical_event as event
        inner join person on person.person_id = event.person_id
        where event.event_date < person.birth_date and event.source_line is not null
        group by event.source_file, event.source_line
    ),

    -- An events-format stay is the row at <table>:<row> (canonicalInPostgres.ts).
    stays as (
        select substring(stay.stay_id from '^(.*):[0-9]+$') as file,
               substring(stay.stay_id from ':([0-9]+)$')::bigint as line,
               stay.admission_date as event_date
        from inpatient_stay as stay
        inner join person on person.person_id = stay.person_id
        where stay.admission_date < person.birth_date
          and substring(stay.stay_id from '^(.*):[0-9]+$') = ${loads.has('events') ? "'events'" : 'null'}
    ),

    final as (
        select file, line, min(event_date) as event_date
        from (select * from events union all select * from stays) as both_kinds
        group by file, line
    )

    select * from final`);
  await db.run(`
    insert into load_reject
    select rejected.file, rejected.line, coalesce(role.date_column, 'event_date'),
           to_char(rejected.event_date, 'YYYY-MM-DD'), 'dated before the person''s birth date'
    from before_birth as rejected
    left join (values ${roles.join(', ')}) as role(file, date_column) on role.file = rejected.file`);
  await db.run(`
    delete from clinical_event as event
    using before_birth as rejected
    where event.source_file = rejected.file and event.source_line = rejected.line`);
  await db.run(`delete from inpatient_stay where stay_id in (select file || ':' || line from before_birth)`);
  const counts = await db.all<{ file: string; n: string }>(`select file, count(*) as n from before_birth group by file`);
  for (const { file, n } of counts) {
    const load = loads.get(file);
    if (load) load.rowsRejected += Number(n);
  }
  await db.run('drop table before_birth');
}

/**
 * Loads the input tables of `schema` into the canonical tables of the working schema (the search
 * path), with the file loaders' checks, ledger and canonical rows: raw copies with row numbers
 * (inputTables.ts), validation and rejects, canonical inserts, persons from eligibility, events
 * before birth rejected, events linked to stays, persons seen only in events. Then `tagging_event`:
 * clinical_event with a unique bigint event_id, which the tagging pass reads.
 */
export async function loadInPostgres(
  db: PgDb,
  options: { schema: string; format: PgInputFormat; asOf: string | null; tables?: InputTable[] },
): Promise<LoadResult> {
  const tables = options.tables ?? (await findInputTables(db, options.schema, options.format));
  await createLoaderFunctions(db, latestPlausibleDate(options.asOf));
  await db.run(canonicalDdl());
  for (const table of tables) await copyInputTable(db, options.schema, table);
  const present = new Set(tables.map((table) => table.spec.role));
  const loads = options.format === 'claims' ? await loadClaimsInPostgres(db, present) : await loadEventsInPostgres(db, present);
  await rejectEventsBeforeBirth(db, loads);
  if (options.format === 'events') await db.run(linkEventsToStaysSql);
  await db.run(`
    insert into person (person_id)
    select person_id from (
        select person_id from clinical_event
        union select person_id from coverage
        union select person_id from inpatient_stay
    ) as seen
    except select person_id from person`);
  await db.run(`
    create unlogged table tagging_event as
    select row_number() over () as event_id, clinical_event.* from clinical_event`);
  // Fresh tables have no statistics until autovacuum gets to them: without these the planner
  // guesses row counts for the first passes and can pick nested loops over millions of events.
  await db.run('analyze person, coverage, clinical_event, inpatient_stay, tagging_event, load_reject');

  const files: FileLedger[] = [];
  for (const table of tables) {
    const load = loads.get(table.spec.role)!;
    const size = await db.one<{ bytes: string }>(
      `select pg_total_relation_size(format('%I.%I', $schema::text, $table::text)::regclass) as bytes`,
      { schema: options.schema, table: table.spec.role },
    );
    files.push({
      file: table.spec.role,
      role: table.spec.role,
      sizeBytes: Number(size?.bytes ?? 0),
      // A table has no file bytes to hash; the row count and the rejects say what was read.
      sha256: '',
      rowsRead: load.rowsRead,
      rowsLoaded: load.rowsRead - load.rowsRejected,
      rowsRejected: load.rowsRejected,
    });
  }
  return {
    format: options.format,
    files,
    ignoredFiles: [],
    tableRows: await countCanonicalRows(db),
    dataQuality: await countDataQuality(db),
  };
}

async function countCanonicalRows(db: PgDb): Promise<Record<string, number>> {
  return (await db.one<Record<string, number>>(canonicalRowCountSql)) ?? {};
}

async function countDataQuality(db: PgDb): Promise<Record<string, number>> {
  const row = await db.one<Record<string, number>>(`
    select
      (select count(*) from clinical_event where code_system = 'NDC' and length(code) = 10)::integer
          as ndc_10_digit_unpadded,
      (select count(*) from clinical_event where code_system = 'NDC' and code !~ '^[0-9]{10,11}$')::integer
          as ndc_malformed,
      (select count(*) from clinical_event as event inner join person using (person_id)
        where event.event_date > person.death_date)::integer as events_after_death,
      (select count(*) from person where birth_date is null)::integer as persons_without_birth_date`);
  return row ?? {};
}

/** The working schema's name for this process: unique per run, recognisable as caregap's. */
export function workingSchemaName(): string {
  return `caregap_work_${process.pid}_${Math.random().toString(16).slice(2, 10)}`;
}

