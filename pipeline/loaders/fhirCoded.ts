import type { Db } from '../db.js';
import { canonicalRouteSql } from './canonicalRoute.js';
import { fhirCodeSql, fhirNdcSql } from './fhirCodes.js';
import { fhirDateSql } from './fhirDates.js';
import { fhirCodeSystemSql, fhirDateCheck, jsonText, referenceIdSql, resourceChecks, statusCheck } from './fhirSql.js';
import type { SourceSpec } from './sourceSpec.js';
import { rejectFromStage, stageWithChecks, type Check } from './validate.js';

/** How one coded FHIR resource type becomes clinical_event rows (one per coding in a known system). */
export interface FhirCodedResource {
  resourceType: string;
  domain: 'diagnosis' | 'procedure' | 'drug';
  /**
   * JSON path of the CodeableConcept, e.g. `$.code`; read as a JSON leaf (`:json` in fhirFields.ts), its
   * `coding` array is unnested from that text.
   */
  conceptPath: string;
  /** SQL (text) for the event date, first present of the resource's date elements. */
  dateSql: string;
  dateLabel: string;
  /** JSON path of the encounter reference (inpatient stay link). */
  encounterPath: string;
  /** Statuses that mean the fact did not happen or is void: rejected, with the status as reason. */
  voidStatuses: string[];
  /** SQL for days_supply (double), quantity (double), route (text) over `resource`. */
  daysSupplySql?: string;
  quantitySql?: string;
  routePath?: string;
  /** Extra checks before the code check (e.g. a medication given by reference only). */
  extraChecks?: Check[];
}

/** A SourceSpec for a coded FHIR resource type (`Condition*.ndjson` and the like). */
export function fhirCodedSpec(config: FhirCodedResource): SourceSpec {
  const daysSupply = config.daysSupplySql ?? 'cast(null as double)';
  const quantity = config.quantitySql ?? 'cast(null as double)';
  const route = config.routePath
    ? canonicalRouteSql(
        `coalesce(${jsonText(`${config.routePath}.text`)}, ${jsonText(`${config.routePath}.coding[0].display`)}, ${jsonText(`${config.routePath}.coding[0].code`)})`,
        jsonText(`${config.routePath}.coding[0].code`),
      )
    : 'cast(null as varchar)';
  return {
    role: config.resourceType,
    stems: [config.resourceType.toLowerCase()],
    fileKind: 'ndjson',
    mandatory: false,
    requiredColumns: [],
    columns: [],
    async load(db: Db, raw, file, stage) {
      const concept = jsonText(config.conceptPath);
      // One row per coding of the resource, in the code systems caregap reads.
      await db.run(`
        create table ${stage}_coding as
        select distinct __line, ${fhirCodeSystemSql('coding.system')} as code_system, coding.code as code
        from (select __line, unnest(json_transform(${concept}, '{"coding":[{"system":"VARCHAR","code":"VARCHAR"}]}').coding) as coding
              from ${raw.view} where ${concept} is not null)`);
      // The (usually few) resources without a usable coding (a system caregap reads and a code),
      // found once; the checks read them with a semi-join instead of joining every resource to its
      // codings again in each pass over the stage.
      await db.run(`
        create table ${stage}_uncoded as
        select __line from ${raw.view}
        where __line not in (select __line from ${stage}_coding where code_system is not null and not cg_blank(code))`);
      await db.run(`
        create view ${stage}_in as
        select *, ${config.dateSql} as __date_raw, __line not in (select __line from ${stage}_uncoded) as __has_code
        from ${raw.view}`);
      const dateRaw = '__date_raw'; // config.dateSql, computed once in the view above
      const person = referenceIdSql(jsonText('$.subject.reference'), 'Patient');
      await stageWithChecks(db, {
        materialize: false, // the parsed table is narrow: reading it twice costs less than a copy
        source: `${stage}_in`,
        stage,
        derived: [
          `${person} as __person`,
          `${fhirDateSql(dateRaw)} as __date`,
          `${referenceIdSql(jsonText(`${config.encounterPath}.reference`), 'Encounter')} as __encounter`,
          `${daysSupply} as __days_supply`,
          `${quantity} as __quantity`,
          `${route} as __route`,
        ],
        checks: [
          ...resourceChecks(config.resourceType),
          { column: 'subject', value: jsonText('$.subject.reference'), problem: `case when __person is null then 'missing person id' end` },
          statusCheck(config.voidStatuses),
          fhirDateCheck(config.dateLabel, dateRaw),
          ...(config.extraChecks ?? []),
          {
            column: 'coding',
            value: `cast(json_extract(${concept}, '$.coding') as varchar)`,
            problem: `case when not __has_code then 'unknown code system' end`,
          },
          { column: 'daysSupply', value: '__days_supply', problem: `case when __days_supply < 0 then 'negative days supply' when __days_supply > 730 then 'absurd days supply' end` },
          { column: 'quantity', value: '__quantity', problem: `case when __quantity < 0 then 'negative quantity' when __quantity > 100000 then 'absurd quantity' end` },
        ],
      });
      await db.run(
        `insert into clinical_event
         select row.__person, row.__date, null, $domain, coding.code_system,
                case when coding.code_system = 'NDC' then ${fhirNdcSql('coding.code')} else ${fhirCodeSql('coding.code')} end,
                case when stay.stay_id is not null then 'inpatient' end, stay.stay_id,
                cast(row.__days_supply as integer), row.__quantity, null, null, null, row.__route,
                $file, row.__line
         from ${stage} as row
         inner join ${stage}_coding as coding
             on coding.__line = row.__line and coding.code_system is not null and not cg_blank(coding.code)
         left join inpatient_stay as stay
             on stay.stay_id = 'encounter:' || row.__encounter and stay.person_id = row.__person
         where row.__reject_reason is null`,
        { domain: config.domain, file: file.name },
      );
      return { rejected: await rejectFromStage(db, stage, file.name) };
    },
  };
}
