import type { Db } from '../db.js';
import { quotedString } from '../sql.js';
import type { FileLedger } from './loadInputs.js';

/** The column that dates a role's events, as the rejects name it (else `event_date`). */
const dateColumnOf: Record<string, string> = {
  events: 'event_date',
  medical_claim: 'claim_start_date',
  pharmacy_claim: 'dispensing_date',
  condition_occurrence: 'condition_start_date',
  procedure_occurrence: 'procedure_date',
  drug_exposure: 'drug_exposure_start_date',
};

/**
 * Rejects every input row with an event dated before its person's birth date (docs/canonical-tables.md,
 * "Implausible dates"): one of the two dates is wrong, and an index event before birth would give a
 * negative age. Runs once every file is loaded (the birth date may come from another file); the row's
 * events leave `clinical_event` (an events-format stay row leaves `inpatient_stay`), the row goes to
 * `load_reject` at its line, and its file's ledger moves it from loaded to rejected, so the counts
 * still add up.
 *
 * Limit: inpatient stays of the claims, OMOP and FHIR formats have no source line and are kept
 * (no rule reads a stay's admission as an index date).
 */
export async function rejectEventsBeforeBirth(db: Db, files: FileLedger[]): Promise<void> {
  const eventsFiles = files.filter((entry) => entry.role === 'events').map((entry) => quotedString(entry.file));
  const roles = files.map((entry) => `(${quotedString(entry.file)}, ${quotedString(dateColumnOf[entry.role] ?? 'event_date')})`);
  if (roles.length === 0) return;
  await db.run(`
    create or replace temp table before_birth as
    with events as (
        select event.source_file as file, event.source_line as line, min(event.event_date) as event_date
        from clinical_event as event
        inner join person on person.person_id = event.person_id
        where event.event_date < person.birth_date and event.source_line is not null
        group by all
    ),

    -- An events-format stay is the row at <file>:<line> (eventsFormat.ts).
    stays as (
        select regexp_extract(stay.stay_id, '^(.*):([0-9]+)$', 1) as file,
               cast(regexp_extract(stay.stay_id, '^(.*):([0-9]+)$', 2) as bigint) as line,
               stay.admission_date as event_date
        from inpatient_stay as stay
        inner join person on person.person_id = stay.person_id
        where stay.admission_date < person.birth_date
          and regexp_extract(stay.stay_id, '^(.*):([0-9]+)$', 1) in (${eventsFiles.length > 0 ? eventsFiles.join(', ') : 'null'})
    ),

    final as (
        select file, line, min(event_date) as event_date
        from (select * from events union all select * from stays)
        group by all
    )

    select * from final`);
  await db.run(`
    insert into load_reject
    select rejected.file, rejected.line, coalesce(role.date_column, 'event_date'),
           strftime(rejected.event_date, '%Y-%m-%d'), 'dated before the person''s birth date'
    from before_birth as rejected
    left join (values ${roles.join(', ')}) as role(file, date_column) on role.file = rejected.file
    order by rejected.file, rejected.line`);
  await db.run(`
    delete from clinical_event as event
    using before_birth as rejected
    where event.source_file = rejected.file and event.source_line = rejected.line`);
  await db.run(`
    delete from inpatient_stay
    where stay_id in (select file || ':' || line from before_birth)`);
  const counts = await db.all<{ file: string; n: number }>(
    `select file, count(*)::integer as n from before_birth group by file`,
  );
  for (const { file, n } of counts) {
    const entry = files.find((candidate) => candidate.file === file);
    if (entry === undefined) continue;
    entry.rowsLoaded -= n;
    entry.rowsRejected += n;
  }
  await db.run('drop table before_birth');
}
