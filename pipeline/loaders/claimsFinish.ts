import type { Db } from '../db.js';
import { quotedString } from '../sql.js';
import type { FileLedger } from './loadInputs.js';

/** One claims file that holds events, with its narrow line table `event_line_<index>`. */
export interface ClaimsEventFile {
  index: number;
  file: string;
  role: 'medical_claim' | 'pharmacy_claim';
}

/** The column that dates a role's events, as the rejects name it (beforeBirth.ts). */
const dateColumnOf = { medical_claim: 'claim_start_date', pharmacy_claim: 'dispensing_date' } as const;

/** Per good line with events: its file, line, person, earliest and latest event date, count, and how many after a date. */
function lineEvents(entry: ClaimsEventFile, withoutBeforeBirth = false): string {
  const file = quotedString(entry.file);
  const kept = withoutBeforeBirth ? ` and line not in (select line from claims_before_birth where file = ${file})` : '';
  if (entry.role === 'pharmacy_claim') {
    return `select ${file} as file, line, person_id, line_date as first_date, line_date as last_date, 1 as events,
                   line_date as line_date, 1 as line_events, cast(null as date[]) as procedure_dates
            from event_line_${entry.index} where reject_check is null${kept}`;
  }
  return `select ${file} as file, line, person_id,
                 least(case when line_events > 0 then line_date end, list_min(procedure_dates)) as first_date,
                 greatest(case when line_events > 0 then line_date end, list_max(procedure_dates)) as last_date,
                 line_events + coalesce(len(procedure_dates), 0) as events,
                 line_date, line_events, procedure_dates
          from event_line_${entry.index}
          where reject_check is null and (line_events > 0 or len(procedure_dates) > 0)${kept}`;
}

/**
 * Finishes a claims load once every file is read (persons already built from eligibility): the
 * before-birth rejects (docs/canonical-tables.md, "Implausible dates", as beforeBirth.ts does for
 * the other formats, here from the narrow line tables), persons seen only in events, the
 * `clinical_event` view (or table; or none, when the files' work tables are already dropped) over
 * every file's events, and the relations the counts and as_of read: `canonical_latest_event_date`,
 * `canonical_drug_event`, and `claims_event_summary` (what a full clinical_event table would count).
 */
export async function finishClaims(db: Db, eventFiles: ClaimsEventFile[], files: FileLedger[], eventRelation: 'view' | 'table' | 'none'): Promise<void> {
  const lines = eventFiles.length === 0
    ? `select cast(null as varchar) as file, cast(null as bigint) as line, cast(null as varchar) as person_id,
              cast(null as date) as first_date, cast(null as date) as last_date, 0 as events,
              cast(null as date) as line_date, 0 as line_events, cast(null as date[]) as procedure_dates where false`
    : eventFiles.map((entry) => lineEvents(entry)).join('\nunion all\n');
  await db.run(`create or replace view claims_event_line as ${lines}`);
  const roles = eventFiles.map((entry) => `(${quotedString(entry.file)}, ${quotedString(dateColumnOf[entry.role])})`);
  await db.run(`
    insert into claims_before_birth
    select event.file, event.line, event.first_date
    from claims_event_line as event
    inner join person on person.person_id = event.person_id
    where event.first_date < person.birth_date`);
  if (roles.length > 0) {
    await db.run(`
      insert into load_reject
      select rejected.file, rejected.line, role.date_column,
             strftime(rejected.event_date, '%Y-%m-%d'), 'dated before the person''s birth date'
      from claims_before_birth as rejected
      inner join (values ${roles.join(', ')}) as role(file, date_column) on role.file = rejected.file
      order by rejected.file, rejected.line`);
  }
  await db.run(`
    delete from tagging_event
    using claims_before_birth as rejected
    where tagging_event.source_file = rejected.file and tagging_event.source_line = rejected.line`);
  const counts = await db.all<{ file: string; n: number }>(
    `select file, count(*)::integer as n from claims_before_birth group by file`,
  );
  for (const { file, n } of counts) {
    const entry = files.find((candidate) => candidate.file === file);
    if (entry === undefined) continue;
    entry.rowsLoaded -= n;
    entry.rowsRejected += n;
  }
  // The events that stay: every line table row not rejected as before birth.
  await db.run(`create or replace view claims_kept_event_line as ${eventFiles.length === 0 ? lines : eventFiles.map((entry) => lineEvents(entry, true)).join('\nunion all\n')}`);

  await db.run('drop table clinical_event');
  if (eventRelation !== 'none') await createClinicalEvent(db, eventFiles, eventRelation);
  // What the manifest and as_of need, over the kept lines (every line when none was born late: no
  // anti-join). Events after death join only the persons with a death date (few), not every person.
  const kept = counts.length === 0 ? 'claims_event_line' : 'claims_kept_event_line';
  await db.run(`
    create table claims_event_summary as
    with

    totals as (
        select coalesce(sum(events), 0)::bigint as clinical_event, max(last_date) as latest_date
        from ${kept}
    ),

    after_death as (
        select coalesce(sum(
                   case when event.line_date > dead.death_date then event.line_events else 0 end
                   + coalesce(len(list_filter(event.procedure_dates, day -> day > dead.death_date)), 0)), 0)::bigint as events_after_death
        from ${kept} as event
        inner join (select person_id, death_date from person where death_date is not null) as dead
            on dead.person_id = event.person_id
    )

    select totals.clinical_event, totals.latest_date, after_death.events_after_death
    from totals cross join after_death`);
  await db.run('drop view canonical_latest_event_date');
  await db.run('create view canonical_latest_event_date as select latest_date from claims_event_summary');
  const pharmacy = eventFiles.filter((entry) => entry.role === 'pharmacy_claim');
  const drugEvents = pharmacy.map(
    (entry) => `select line_date as event_date, 'NDC' as code_system, code from event_line_${entry.index}
                where reject_check is null
                  and line not in (select line from claims_before_birth where file = ${quotedString(entry.file)})`,
  );
  await db.run(`
    create or replace view canonical_drug_event as
    ${drugEvents.length > 0 ? drugEvents.join('\nunion all\n') : 'select cast(null as date) as event_date, cast(null as varchar) as code_system, cast(null as varchar) as code where false'}`);
}

/** Canonical row counts of a claims load, from the line tables (no event is re-read). */
export async function countClaimsRows(db: Db): Promise<Record<string, number>> {
  const row = await db.one<Record<string, number>>(`
    select (select count(*) from person)::integer as person,
           (select count(*) from coverage)::integer as coverage,
           (select clinical_event from claims_event_summary)::integer as clinical_event,
           (select count(*) from inpatient_stay)::integer as inpatient_stay`);
  return row ?? {};
}

/** The load's data-quality counts (loadInputs.ts countDataQuality), from the line tables. */
export async function countClaimsDataQuality(db: Db): Promise<Record<string, number>> {
  // The code tests run once per distinct code (a few thousand), not once per pharmacy line.
  const row = await db.one<Record<string, number>>(`
    with code_count as (
        select code, count(*) as lines from canonical_drug_event group by code
    )
    select
      coalesce(sum(lines) filter (where length(code) = 10), 0)::integer as ndc_10_digit_unpadded,
      coalesce(sum(lines) filter (where not regexp_full_match(code, '[0-9]{10,11}')), 0)::integer as ndc_malformed,
      (select events_after_death from claims_event_summary)::integer as events_after_death,
      (select count(*) from person where birth_date is null)::integer as persons_without_birth_date
    from code_count`);
  return row ?? {};
}

/** `clinical_event` as the union of every file's event view (or a table of it). */
async function createClinicalEvent(db: Db, eventFiles: ClaimsEventFile[], relation: 'view' | 'table'): Promise<void> {
  const union = eventFiles.map((entry) => `select * from clinical_event_${entry.index}`);
  const body = union.length > 0 ? union.join('\nunion all\n') : 'select * from claims_no_event';
  if (union.length === 0) {
    await db.run(`create table claims_no_event as select * from tagging_event where false`);
    await db.run('alter table claims_no_event drop column event_id');
  }
  await db.run(`create ${relation} clinical_event as ${body}`);
}
