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

/** Per good line with events: its file, line, person, earliest and latest event date, event count, and what the after-death count reads. */
function lineEvents(entry: ClaimsEventFile): string {
  const file = quotedString(entry.file);
  if (entry.role === 'pharmacy_claim') {
    return `select ${file} as file, line, person_id, line_date as first_date, line_date as last_date, 1 as events,
                   line_date as line_date, 1 as line_events, cast(null as date[]) as procedure_dates
            from event_line_${entry.index} where reject_check is null`;
  }
  return `select ${file} as file, line, person_id,
                 least(case when line_events > 0 then line_date end, list_min(procedure_dates)) as first_date,
                 greatest(case when line_events > 0 then line_date end, list_max(procedure_dates)) as last_date,
                 line_events + coalesce(len(procedure_dates), 0) as events,
                 line_date, line_events, procedure_dates
          from event_line_${entry.index}
          where reject_check is null and (line_events > 0 or len(procedure_dates) > 0)`;
}

/**
 * Finishes a claims load once every file is read (persons already built from eligibility): the
 * before-birth rejects (docs/canonical-tables.md, "Implausible dates", as beforeBirth.ts does for
 * the other formats, here from the narrow line tables), the persons seen only in events (view
 * `claims_event_person`, which loadInputs.ts adds to person), the
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
  // One pass over every event line against the persons from eligibility gives what the load still
  // needs of them (at 1M persons, three passes took 1.7 s): the lines dated before their person's
  // birth, each a group of its own; the persons no eligibility row names, a group each; and, over
  // every line not born late, the event count, the latest date and the events after death (the
  // rest of the lines fall into one group).
  await db.run(`
    create table claims_line_check as
    with

    checked as (
        select event.file, event.line, event.person_id, event.first_date, event.last_date, event.events,
               event.line_date, event.line_events, event.procedure_dates,
               person.person_id is null as unknown_person,
               coalesce(event.first_date < person.birth_date, false) as before_birth,
               person.death_date
        from claims_event_line as event
        left join person on person.person_id = event.person_id
    )

    select
        case when before_birth then file end as file,
        case when before_birth then line end as line,
        case when unknown_person then person_id end as unknown_person_id,
        -- Cases, not aggregate filters: a case evaluates its branch only for the rows that take it
        -- (the list_filter below runs for the few lines of persons with a death date).
        min(case when before_birth then first_date end) as first_date,
        coalesce(sum(case when not before_birth then events end), 0)::bigint as events,
        max(case when not before_birth then last_date end) as latest_date,
        coalesce(sum(case when death_date is not null and not before_birth then
            case when line_date > death_date then line_events else 0 end
            + coalesce(len(list_filter(procedure_dates, day -> day > death_date)), 0)
        end), 0)::bigint as events_after_death
    from checked
    group by 1, 2, 3`);
  await db.run('insert into claims_before_birth select file, line, first_date from claims_line_check where line is not null');
  // The persons seen only in events (loadInputs.ts adds them to person).
  await db.run('create or replace view claims_event_person as select unknown_person_id as person_id from claims_line_check where unknown_person_id is not null');
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

  await db.run('drop table clinical_event');
  if (eventRelation !== 'none') await createClinicalEvent(db, eventFiles, eventRelation);
  // What the manifest and as_of need, over the lines not born late (claims_line_check).
  await db.run(`
    create table claims_event_summary as
    select coalesce(sum(events), 0)::bigint as clinical_event, max(latest_date) as latest_date,
           coalesce(sum(events_after_death), 0)::bigint as events_after_death
    from claims_line_check`);
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
