import type { Db } from '../db.js';
import { canonicalRouteSql } from './canonicalRoute.js';
import { createCodedView, diagnosisShapeSql, drugShapeSql, procedureShapeSql } from './omopCodes.js';
import type { SourceSpec } from './sourceSpec.js';
import { numberCheck, rejectFromStage, stageWithChecks, type Check } from './validate.js';

// docs/contracts.md, format `omop`: condition_occurrence, procedure_occurrence and drug_exposure become
// clinical_event rows; an event recorded on an inpatient visit carries that visit's stay_id.

export const omopPersonCheck: Check = {
  column: 'person_id',
  value: 'person_id',
  problem: `case when cg_blank(person_id) then 'missing person id' end`,
};

/** Check on the event date (`__date`, the date column else its datetime). */
function eventDateCheck(dateColumn: string): Check {
  return {
    column: dateColumn,
    value: dateColumn,
    problem: `case when cg_blank(${dateColumn}) and __date is null then 'missing ${dateColumn.replaceAll('_', ' ')}'
                    when __date is null then coalesce(cg_date_problem(${dateColumn}), 'unparseable date') end`,
  };
}

function codeCheck(sourceValue: string, standardConcept: string): Check {
  return {
    column: sourceValue,
    value: `coalesce(${sourceValue}, ${standardConcept})`,
    problem: `case when __system is null or __code is null then 'unknown code system' end`,
  };
}

interface ClinicalTable {
  role: string;
  domain: 'diagnosis' | 'procedure' | 'drug';
  dateColumn: string;
  datetimeColumn: string;
  sourceValue: string;
  sourceConcept: string;
  standardConcept: string;
  shapeSql: string;
  extraColumns: string[];
  extraChecks: Check[];
  /** SQL for days_supply, quantity, units (in that order) over the stage row `row`. */
  measures: string;
  /** SQL for the canonical route over the stage row `row`. */
  route: string;
}

function clinicalSpec(table: ClinicalTable): SourceSpec {
  return {
    role: table.role,
    stems: [table.role],
    mandatory: false,
    requiredColumns: ['person_id', table.dateColumn],
    columns: [
      'person_id', table.dateColumn, table.datetimeColumn, table.sourceValue, table.sourceConcept,
      table.standardConcept, 'visit_occurrence_id', ...table.extraColumns,
    ],
    async load(db: Db, raw, file, stage) {
      await createCodedView(db, raw.view, stage, {
        sourceValue: table.sourceValue,
        sourceConcept: table.sourceConcept,
        standardConcept: table.standardConcept,
        shapeSql: table.shapeSql,
        useVisitVersion: table.domain === 'diagnosis',
      });
      await stageWithChecks(db, {
        materialize: true, // a joined view: read once
        source: `${stage}_in`,
        stage,
        derived: [`coalesce(cg_date(${table.dateColumn}), cg_date(${table.datetimeColumn})) as __date`],
        checks: [
          omopPersonCheck,
          eventDateCheck(table.dateColumn),
          codeCheck(table.sourceValue, table.standardConcept),
          ...table.extraChecks,
        ],
      });
      // An event on an inpatient visit is recorded on that stay (setting inpatient).
      await db.run(
        `insert into clinical_event
         select trim(row.person_id), row.__date, null, $domain, row.__system, row.__code,
                case when stay.stay_id is not null then 'inpatient' end, stay.stay_id,
                ${table.measures}, null, null, ${table.route}, $file, row.__line
         from ${stage} as row
         left join inpatient_stay as stay
             on stay.stay_id = 'visit:' || trim(row.visit_occurrence_id) and stay.person_id = trim(row.person_id)
         where row.__reject_reason is null`,
        { domain: table.domain, file: file.name },
      );
      return { rejected: await rejectFromStage(db, stage, file.name) };
    },
  };
}

const noMeasures = 'cast(null as integer), cast(null as double), cast(null as double)';
const noRoute = 'cast(null as varchar)';

/** condition_occurrence: ICD-9-CM / ICD-10-CM source values, else the mapped standard concept. */
export const conditionOccurrence = clinicalSpec({
  role: 'condition_occurrence',
  domain: 'diagnosis',
  dateColumn: 'condition_start_date',
  datetimeColumn: 'condition_start_datetime',
  sourceValue: 'condition_source_value',
  sourceConcept: 'condition_source_concept_id',
  standardConcept: 'condition_concept_id',
  shapeSql: diagnosisShapeSql,
  extraColumns: [],
  extraChecks: [],
  measures: noMeasures,
  route: noRoute,
});

/** procedure_occurrence: ICD-9 procedure / ICD-10-PCS / CPT / HCPCS; quantity is billed units. */
export const procedureOccurrence = clinicalSpec({
  role: 'procedure_occurrence',
  domain: 'procedure',
  dateColumn: 'procedure_date',
  datetimeColumn: 'procedure_datetime',
  sourceValue: 'procedure_source_value',
  sourceConcept: 'procedure_source_concept_id',
  standardConcept: 'procedure_concept_id',
  shapeSql: procedureShapeSql,
  extraColumns: ['quantity'],
  extraChecks: [numberCheck('quantity', 'units', 100000)],
  measures: 'cast(null as integer), cast(null as double), cg_num(row.quantity)',
  route: noRoute,
});

/** drug_exposure: NDC source values, else the mapped standard concept (RxNorm); supply and route. */
export const drugExposure = clinicalSpec({
  role: 'drug_exposure',
  domain: 'drug',
  dateColumn: 'drug_exposure_start_date',
  datetimeColumn: 'drug_exposure_start_datetime',
  sourceValue: 'drug_source_value',
  sourceConcept: 'drug_source_concept_id',
  standardConcept: 'drug_concept_id',
  shapeSql: drugShapeSql,
  extraColumns: ['days_supply', 'quantity', 'route_source_value', 'route_concept_id'],
  extraChecks: [numberCheck('days_supply', 'days supply', 730), numberCheck('quantity', 'quantity', 100000)],
  measures: 'cast(cg_num(row.days_supply) as integer), cg_num(row.quantity), cast(null as double)',
  route: canonicalRouteSql('row.route_source_value', 'row.route_concept_id'),
});
