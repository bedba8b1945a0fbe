import type { Db } from '../db.js';
import { quotedString } from '../sql.js';
import type { RelevantCodes } from './relevantCodes.js';
import type { LineTable } from './validate.js';

/** The characters cg_code drops (macros.sql: the regex class [\s.\-], RE2's \s being [\t\n\f\r ]). */
const codeDropped = `' .-' || chr(9) || chr(10) || chr(12) || chr(13)`;

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
function eventIdSql(index: number, kind: number, slotSql: string, lineSql = '__line'): string {
  return `(${index}::bigint * 17592186044416 + ${kind}::bigint * 1099511627776 + ${lineSql} * 32 + ${slotSql})`;
}

/** How one medical claim file's events are written (SQL pieces the loader fills in). */
export interface MedicalEventSql {
  index: number;
  /** Stage relation of good and rejected lines (validate.ts) and its good-line view. */
  stage: string;
  fileName: string;
  /** Whether to create the view `clinical_event_<n>` (LoadContext.eventView). */
  eventView: boolean;
}

const setting = `case when __is_stay then 'inpatient' else __setting end`;
const stayId = `case when __is_stay then 'claim:' || claim_id end`;

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
 * The per-line table of a medical claim file (`event_line_<n>`), filled by the validation pass
 * itself (validate.ts `lineTable`): for every good line with events or a stay, its event count and
 * dates, its stay columns, and, for a candidate line (a code that may match a value set,
 * relevantCodes.ts), what its events need; rejected lines too (reject_check not null). The
 * relevant events are then cut from the few candidate rows (writeMedicalEvents), so the file is
 * read once and its diagnoses are never unpivoted in full.
 */
export function medicalLineTable(index: number, relevant: RelevantCodes, options: { dictionaryText?: boolean } = {}): { lineTable: LineTable } {
  // Most lines fill only the first few diagnosis slots: for them the count and the test combine
  // those slots alone (a case evaluates each branch only for its rows), the others all 25.
  const few = 3;
  // A first-few slot's text without the characters cg_code drops is a column, computed once for
  // both the event count and the candidate test (cheaper than cg_has_code and cg_code apart). The
  // other slots are stripped inside the branch for lines that fill them: as columns they cost every
  // line a translate of 22 empty slots (a tenth of the statement's instructions, counted on 130k lines).
  const firstFew = new Set(diagnosisColumns.slice(0, few));
  const stripped = (column: string): string => (firstFew.has(column) ? `__stripped_${column}` : `(${strip(column)})`);
  // Parquet text arrives as dictionaries, and translate runs once per distinct code. A CSV file's
  // text is plain, translate runs per value (and is slow): a code of letters and digits only, the
  // usual one, is its own stripped text, tested with one match (200k persons: 1.25 s of CPU -> 0.4 s
  // for four slots; over dictionaries the case would cost twice what translate does).
  const strip = (column: string): string =>
    options.dictionaryText
      ? `translate(${column}, ${codeDropped}, '')`
      : `case when regexp_full_match(${column}, '[A-Za-z0-9]*') then ${column} else translate(${column}, ${codeDropped}, '') end`;
  const onlyFew = '__few_dx';
  const countOf = (columns: string[]): string => columns.map((column) => `coalesce(${stripped(column)} <> '', false)::integer`).join(' + ');
  const dxCount = `case when ${onlyFew} then ${countOf(diagnosisColumns.slice(0, few))} else ${countOf(diagnosisColumns)} end`;
  const dxTest = (columns: string[]): string =>
    columns.map((column) => `coalesce(${relevant.matchesAny(['ICD10CM', 'ICD9CM'], `upper(${stripped(column)})`)}, false)`).join(' or ');
  const anyProcedure = `coalesce(${procedureColumns.join(', ')}) is not null`;
  const candidate = [
    `case when ${onlyFew} then ${dxTest(diagnosisColumns.slice(0, few))} else ${dxTest(diagnosisColumns)} end`,
    // A case, not `and`: in a projection DuckDB evaluates both sides of an `and` on every row, and
    // the 25 code tests cost 0.7 s of CPU at 200k persons; few lines hold a procedure code.
    `case when ${anyProcedure} then ${procedureColumns.map((column) => relevant.matchesAny(['ICD10PCS', 'ICD9CM'], `cg_code(${column})`)).join(' or ')} else false end`,
    relevant.matchesAny(['CPT', 'HCPCS'], '__hcpcs'),
  ].map((test) => `coalesce(${test}, false)`).join(' or ');
  const onCandidate = (expression: string, name: string): string => `case when __candidate then ${expression} end as ${name}`;
  const dxList = (numbers: number[]): string => `[${numbers.map((n) => `{'slot': ${n}, 'code': diagnosis_code_${n}}`).join(', ')}]`;
  return {
    lineTable: {
      name: `event_line_${index}`,
      layers: [
        [
          ...diagnosisColumns.slice(0, few).map((column) => `${strip(column)} as ${stripped(column)}`),
          `coalesce(${diagnosisColumns.slice(few).join(', ')}) is null as __few_dx`,
          `case when ${anyProcedure} then coalesce(cg_date(admission_date), cg_date(claim_start_date)) end as __px_fallback`,
          // The normalised HCPCS/CPT code once, for the candidate test and the stored code.
          'cg_code(hcpcs_code) as __hcpcs',
        ],
        [
          `(${candidate}) as __candidate`,
          `${dxCount} + (__hcpcs_system is not null)::integer as __line_events`,
          // The date of each procedure slot that holds a code, once: procedure_dates and px_codes
          // both read it (written out in each, cg_date was planned 150 times: 0.1 s a file).
          `case when ${anyProcedure} then [${slots.map((n) => `case when cg_has_code(procedure_code_${n}) then coalesce(cg_date(procedure_date_${n}), __px_fallback) end`).join(', ')}] end as __px_dates`,
        ],
      ],
      columns: [
        '__person as person_id',
        '__line_date as line_date',
        '__line_events as line_events',
        'list_filter(__px_dates, day -> day is not null) as procedure_dates',
        // The stay of an inpatient line (claimsFormat.ts): claim, admission (else claim start), discharge (else claim end).
        'case when __is_stay then claim_id end as stay_claim',
        'case when __is_stay then coalesce(cg_date(admission_date), cg_date(claim_start_date)) end as stay_start',
        'case when __is_stay then coalesce(cg_date(discharge_date), cg_date(claim_end_date)) end as stay_end',
        '__candidate as candidate',
        onCandidate('__dx_system', 'dx_system'),
        onCandidate('__px_system', 'px_system'),
        onCandidate('__hcpcs_system', 'hcpcs_system'),
        onCandidate('__hcpcs', 'hcpcs'),
        onCandidate('cg_num(service_unit_quantity)', 'units'),
        onCandidate(setting, 'setting'),
        onCandidate(stayId, 'stay_id'),
        // The slots to unnest: the first few when the others are empty (most lines), else all 25.
        onCandidate(`case when ${onlyFew} then ${dxList(slots.slice(0, few))} else ${dxList(slots)} end`, 'dx_codes'),
        // A slot without a code has no date here; writeMedicalEvents drops such slots.
        `case when __candidate and __px_dates is not null then
             [${slots.map((n) => `{'slot': ${n}, 'code': procedure_code_${n}, 'event_date': __px_dates[${n}]}`).join(', ')}]
         end as px_codes`,
      ],
      // Any code or a stay (a cheap superset of the lines with events: blank codes count none).
      keep: `coalesce(${[...diagnosisColumns, ...procedureColumns, 'hcpcs_code'].join(', ')}) is not null or __is_stay`,
    },
  };
}

/**
 * Writes a medical claim file's stays and events from its line table: inpatient stays, the view
 * `clinical_event_<n>` of every event (over the stage, not stored; when `eventView`), and the
 * value-set-relevant events into `tagging_event`.
 */
export async function writeMedicalEvents(db: Db, sql: MedicalEventSql, relevant: RelevantCodes): Promise<void> {
  const { index, stage, fileName, eventView } = sql;
  const lines = `event_line_${index}`;
  await db.run(`
    insert into inpatient_stay
    select any_value(person_id), 'claim:' || stay_claim, min(stay_start), max(stay_end)
    from ${lines} where reject_check is null and stay_claim is not null group by stay_claim`);
  const all = { dx: 'true', px: 'true', hcpcs: 'true' };
  if (eventView) {
    await db.run(
      `create view clinical_event_${index} as
       select * from (${medicalEventSelects(`${stage}_ok`, fileName, index, all, false).join('\nunion all\n')}) as event(${eventColumns.join(', ')})
       where event.source_line not in (select line from claims_before_birth where file = ${quotedString(fileName)})`,
    );
  }
  const file = quotedString(fileName);
  const candidates = `${lines} where reject_check is null and candidate`;
  // Diagnoses: every filled diagnosis column, dated by the line, else the claim.
  await db.run(`
    insert into tagging_event
    select ${eventIdSql(index, 0, 'slot', 'line')}, person_id, line_date, null, 'diagnosis', dx_system, code, setting, stay_id,
           null, null, null, null, null, null, ${file}, line
    from (select *, dx.slot as slot, cg_code(dx.code) as code
          from (select line, person_id, line_date, dx_system, setting, stay_id, unnest(dx_codes) as dx from ${candidates})
          where cg_has_code(dx.code))
    where ${relevant.matches('dx_system', 'code')}`);
  // ICD procedures: dated procedure_date_N, else admission, else claim start.
  await db.run(`
    insert into tagging_event
    select ${eventIdSql(index, 1, 'slot', 'line')}, person_id, event_date, null, 'procedure', px_system, code, setting, stay_id,
           null, null, null, null, null, null, ${file}, line
    from (select *, px.slot as slot, px.event_date as event_date, cg_code(px.code) as code
          from (select line, person_id, px_system, setting, stay_id, unnest(px_codes) as px from ${candidates} and px_codes is not null)
          where cg_has_code(px.code))
    where ${relevant.matches('px_system', 'code')}`);
  // HCPCS/CPT line, with its billed units (J0897 units decide the denosumab product).
  await db.run(`
    insert into tagging_event
    select ${eventIdSql(index, 2, '0', 'line')}, person_id, line_date, null, 'procedure', hcpcs_system, hcpcs, setting, stay_id,
           null, null, units, null, null, null, ${file}, line
    from ${candidates} and hcpcs_system is not null and ${relevant.matches('hcpcs_system', 'hcpcs')}`);
}

/**
 * The per-line table of a pharmacy claim file (`event_line_<n>`, filled by the validation pass):
 * every line with its person, date and normalised NDC (the drug-code counts read them), and the
 * supply of a fill that may match a value set.
 */
export function pharmacyLineTable(index: number, relevant: RelevantCodes, personSql: string): LineTable {
  return {
    name: `event_line_${index}`,
    // The normalised NDC once, then whether it may match a value set.
    // matchesAny of one system: a constant list of the NDC keys when short, not a join per fill.
    layers: [['cg_ndc(ndc_code) as __ndc'], [`coalesce(${relevant.matchesAny(['NDC'], '__ndc')}, false) as __candidate`]],
    columns: [
      `${personSql} as person_id`,
      'cg_date(dispensing_date) as line_date',
      '__ndc as code',
      '__candidate as candidate',
      'case when __candidate then cast(cg_num(days_supply) as integer) end as days_supply',
      'case when __candidate then cg_num(quantity) end as quantity',
    ],
    keep: 'true',
  };
}

/** Writes a pharmacy claim file's view `clinical_event_<n>` and its relevant fills into `tagging_event`. */
export async function writePharmacyEvents(
  db: Db,
  sql: { index: number; stage: string; fileName: string; personSql: string; eventView: boolean },
): Promise<void> {
  const { index, stage, fileName, personSql, eventView } = sql;
  const file = quotedString(fileName);
  if (eventView) {
    await db.run(`
      create view clinical_event_${index} as
      select ${personSql}, cg_date(dispensing_date), null, 'drug', 'NDC', cg_ndc(ndc_code), 'pharmacy', null,
             cast(cg_num(days_supply) as integer), cg_num(quantity), null, null, null, null, ${file}, __line
      from ${stage}
      where __reject_reason is null and __line not in (select line from claims_before_birth where file = ${file})`);
  }
  await db.run(`
    insert into tagging_event
    select ${eventIdSql(index, 0, '0', 'line')}, person_id, line_date, null, 'drug', 'NDC', code, 'pharmacy', null,
           days_supply, quantity, null, null, null, null, ${file}, line
    from event_line_${index} where reject_check is null and candidate`);
}
