import type { Db } from '../db.js';
import { quotedString } from '../sql.js';
import type { RelevantCodes } from './relevantCodes.js';

// The events of claims files, without materialising them all (docs/canonical-tables.md, "How
// claims are stored"): each file gets a view of every event it holds (clinical_event is their
// union), a narrow table of its good lines that hold events (`event_line_<n>`: the counts, dates
// and persons the manifest and the before-birth check need), and only the events that can match
// a value set (relevantCodes.ts) are copied into `tagging_event`, the table tagging reads.

const slots = Array.from({ length: 25 }, (_, i) => i + 1);
export const diagnosisColumns = slots.map((n) => `diagnosis_code_${n}`);
export const procedureColumns = slots.map((n) => `procedure_code_${n}`);

/** The clinical_event columns, in order (pipeline/sql/canonical.sql). */
export const eventColumns = [
  'person_id', 'event_date', 'end_date', 'domain', 'code_system', 'code', 'setting', 'stay_id',
  'days_supply', 'quantity', 'units', 'daily_dose', 'dose_unit', 'route', 'source_file', 'source_line',
];

/**
 * event_id of a claims event: unique and in the order the rows were once inserted into a
 * clinical_event table (file, then diagnoses before ICD procedures before the HCPCS line, then
 * line, then slot), so ties that tagging's readers break by event_id break as before.
 */
function eventIdSql(index: number, kind: number, slotSql: string): string {
  return `(${index}::bigint * 17592186044416 + ${kind}::bigint * 1099511627776 + __line * 32 + ${slotSql})`;
}

/** How one medical claim file's events are written (SQL pieces the loader fills in). */
export interface MedicalEventSql {
  index: number;
  /** Stage relation of good and rejected lines (validate.ts) and its good-line view. */
  stage: string;
  /** Raw source view (every column as text, `__line`). */
  source: string;
  /** Derived expressions of the validation (`... as __dx_system` and so on). */
  derived: string[];
  fileName: string;
}

const setting = `case when __is_stay then 'inpatient' else __setting end`;
const stayId = `case when __is_stay then 'claim:' || claim_id end`;
const procedureDate = (n: number): string =>
  `coalesce(cg_date(procedure_date_${n}), cg_date(admission_date), cg_date(claim_start_date))`;

/** The three event selects of a medical file over a relation with the derived columns. */
function medicalEventSelects(relation: string, fileName: string, index: number, where: { dx: string; px: string; hcpcs: string }, withId: boolean): string[] {
  const file = quotedString(fileName);
  const id = (kind: number, slot: string): string => (withId ? `${eventIdSql(index, kind, slot)} as event_id, ` : '');
  const dxSlot = `cast(substr(slot, 16) as integer)`;
  return [
    // Diagnoses: every filled diagnosis column, dated by the line, else the claim.
    `select ${id(0, dxSlot)}__person, __line_date, null, 'diagnosis', __dx_system, code, ${setting}, ${stayId},
            null, null, null, null, null, null, ${file}, __line
     from (select * exclude (raw_code), cg_code(raw_code) as code
           from (unpivot (select __line, __person, __line_date, __dx_system, __is_stay, __setting, claim_id, ${diagnosisColumns.join(', ')} from ${relation})
                 on ${diagnosisColumns.join(', ')} into name slot value raw_code)
           where cg_has_code(raw_code))
     where ${where.dx}`,
    // ICD procedures: dated procedure_date_N, else admission, else claim start.
    `select ${id(1, 'cast(substr(slot, 2) as integer)')}__person,
            coalesce(cg_date(procedure_date), cg_date(admission_date), cg_date(claim_start_date)),
            null, 'procedure', __px_system, code, ${setting}, ${stayId},
            null, null, null, null, null, null, ${file}, __line
     from (select *, cg_code(raw_code) as code
           -- include nulls: a procedure code whose date is blank must survive to the date fallback.
           -- Only lines with a procedure code take part (few do), so the 25-slot unpivot stays small.
           from (select __line, __person, __px_system, __is_stay, __setting, claim_id, admission_date, claim_start_date,
                        ${procedureColumns.join(', ')}, ${slots.map((n) => `procedure_date_${n}`).join(', ')}
                 from ${relation}
                 where coalesce(${procedureColumns.join(', ')}) is not null)
           unpivot include nulls (
               (raw_code, procedure_date) for slot in (${slots.map((n) => `(procedure_code_${n}, procedure_date_${n}) as p${n}`).join(', ')})
           )
           where cg_has_code(raw_code))
     where ${where.px}`,
    // HCPCS/CPT line, with its billed units (J0897 units decide the denosumab product).
    `select ${id(2, '0')}__person, __line_date, null, 'procedure', __hcpcs_system, cg_code(hcpcs_code), ${setting}, ${stayId},
            null, null, cg_num(service_unit_quantity), null, null, null, ${file}, __line
     from ${relation}
     where __hcpcs_system is not null and ${where.hcpcs}`,
  ];
}

/**
 * Writes a medical claim file's events: the view `clinical_event_<n>` of all of them, the
 * narrow table `event_line_<n>`, and its value-set-relevant events into `tagging_event`.
 */
export async function writeMedicalEvents(db: Db, sql: MedicalEventSql, relevant: RelevantCodes): Promise<void> {
  const { index, stage, source, derived, fileName } = sql;
  const all = { dx: 'true', px: 'true', hcpcs: 'true' };
  await db.run(
    `create view clinical_event_${index} as
     select * from (${medicalEventSelects(`${stage}_ok`, fileName, index, all, false).join('\nunion all\n')}) as event(${eventColumns.join(', ')})
     where event.source_line not in (select line from claims_before_birth where file = ${quotedString(fileName)})`,
  );
  // The good lines that hold events: how many, when, whose (one row per line).
  const dxCount = diagnosisColumns.map((column) => `coalesce(cg_has_code(${column}), false)::integer`).join(' + ');
  await db.run(`
    create table event_line_${index} as
    select * from (
        select __line as line, __person as person_id, __line_date as line_date,
               ${dxCount} + (__hcpcs_system is not null)::integer as line_events,
               case when coalesce(${procedureColumns.join(', ')}) is not null then
                   list_filter([${slots.map((n) => `case when cg_has_code(procedure_code_${n}) then ${procedureDate(n)} end`).join(', ')}], day -> day is not null)
               end as procedure_dates
        from ${stage}_ok
    )
    where line_events > 0 or len(procedure_dates) > 0`);
  // Candidate lines: a code that may match a value set in any slot (narrow unpivots of the source).
  const dxCodes = `select __line from (unpivot (select __line, ${diagnosisColumns.join(', ')} from ${source}) on ${diagnosisColumns.join(', ')} into name slot value raw_code)
                   where ${relevant.matchesAny(['ICD10CM', 'ICD9CM'], 'cg_code(raw_code)')}`;
  const pxCodes = `select __line from (unpivot (select __line, ${procedureColumns.join(', ')} from ${source} where coalesce(${procedureColumns.join(', ')}) is not null) on ${procedureColumns.join(', ')} into name slot value raw_code)
                   where ${relevant.matchesAny(['ICD10PCS', 'ICD9CM'], 'cg_code(raw_code)')}`;
  const hcpcsCodes = `select __line from ${source} where ${relevant.matchesAny(['CPT', 'HCPCS'], 'cg_code(hcpcs_code)')}`;
  await db.run(`
    create temp table candidate_${index} as
    select *, ${derived.join(', ')}
    from ${source}
    where __line in (${dxCodes} union ${pxCodes} union ${hcpcsCodes})
      and __line not in (select __line from ${stage}_reject)`);
  const precise = {
    dx: relevant.matches('__dx_system', 'code'),
    px: relevant.matches('__px_system', 'code'),
    hcpcs: relevant.matches('__hcpcs_system', 'cg_code(hcpcs_code)'),
  };
  for (const select of medicalEventSelects(`candidate_${index}`, fileName, index, precise, true)) {
    await db.run(`insert into tagging_event ${select}`);
  }
  await db.run(`drop table candidate_${index}`);
}

/**
 * Writes a pharmacy claim file's events: the view `clinical_event_<n>`, the narrow table
 * `event_line_<n>` (with each line's normalised NDC, for the drug-code counts), and its
 * value-set-relevant fills into `tagging_event`.
 */
export async function writePharmacyEvents(
  db: Db,
  sql: { index: number; stage: string; fileName: string; personSql: string },
  relevant: RelevantCodes,
): Promise<void> {
  const { index, stage, fileName, personSql } = sql;
  const file = quotedString(fileName);
  const select = (withId: boolean, where: string): string =>
    `select ${withId ? `${eventIdSql(index, 0, '0')} as event_id, ` : ''}${personSql}, cg_date(dispensing_date), null, 'drug', 'NDC', cg_ndc(ndc_code), 'pharmacy', null,
            cast(cg_num(days_supply) as integer), cg_num(quantity), null, null, null, null, ${file}, __line
     from ${stage} where __reject_reason is null and ${where}`;
  await db.run(`
    create view clinical_event_${index} as
    ${select(false, `__line not in (select line from claims_before_birth where file = ${file})`)}`);
  await db.run(`
    create table event_line_${index} as
    select __line as line, ${personSql} as person_id, cg_date(dispensing_date) as line_date, cg_ndc(ndc_code) as code
    from ${stage} where __reject_reason is null`);
  await db.run(`insert into tagging_event ${select(true, relevant.matches(`'NDC'`, 'cg_ndc(ndc_code)'))}`);
}
