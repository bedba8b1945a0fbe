import type { Db } from '../db.js';
import { canonicalRouteSql } from './canonicalRoute.js';
import { fhirCodeSql, fhirNdcSql } from './fhirCodes.js';
import { fhirDateSql, fhirPlainDateSql } from './fhirDates.js';
import { fhirCodeSystemSql, fhirDateCheck, jsonText, notBlankSql, referenceIdSql, resourceChecks, statusCheck } from './fhirSql.js';
import { fhirStage } from './fhirStage.js';
import { fhirListSql } from './fhirStructure.js';
import type { SourceSpec } from './sourceSpec.js';
import { rejectFromStage, type Check } from './validate.js';

/** How one coded FHIR resource type becomes clinical_event rows (one per coding in a known system). */
export interface FhirCodedResource {
  resourceType: string;
  domain: 'diagnosis' | 'procedure' | 'drug';
  /**
   * JSON path of the CodeableConcept, e.g. `$.code`; its codings' `system` and `code` are parsed with
   * the resource (`<path>.coding[*].system` and `.code` in fhirFields.ts).
   */
  conceptPath: string;
  /** SQL (text) for the event date, first present of the resource's date elements. */
  dateSql: string;
  dateLabel: string;
  /** JSON path of the encounter reference (inpatient stay link). */
  encounterPath: string;
  /** Statuses that mean the fact did not happen or is void: rejected, with the status as reason. */
  voidStatuses: string[];
  /** SQL for days_supply (double), quantity (double), route (text) over `resource`, computed in the parse. */
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
  // The concept's codings, parsed with the resource (`<concept>.coding[*]` in fhirFields.ts). A
  // coding is usable when caregap reads its code system and it has a code. Nearly every resource has
  // one coding: its system and code are kept as columns and tested without a list lambda (several
  // times the cost); the list is kept only for resources with several codings.
  const usable = (coding: string): string => `(${fhirCodeSystemSql(`${coding}.system`)} is not null and ${notBlankSql(`${coding}.code`)})`;
  const hasCode = `case when __codings_n = 1 then coalesce(__system1 is not null and ${notBlankSql('__code1')}, false)
      else coalesce(list_bool_or(list_transform(__codings, lambda coding: ${usable('coding')})), false) end`;
  const checks: Check[] = [
    ...resourceChecks(config.resourceType),
    { column: 'subject', value: jsonText('$.subject.reference'), problem: `case when __person is null then 'missing person id' end` },
    statusCheck(config.voidStatuses),
    fhirDateCheck(config.dateLabel, '__date_raw', '__date_plain'),
    ...(config.extraChecks ?? []),
    { column: 'coding', value: '__coding_text', problem: `case when not __has_code then 'unknown code system' end` },
    { column: 'daysSupply', value: '__days_supply', problem: `case when __days_supply < 0 then 'negative days supply' when __days_supply > 730 then 'absurd days supply' end` },
    { column: 'quantity', value: '__quantity', problem: `case when __quantity < 0 then 'negative quantity' when __quantity > 100000 then 'absurd quantity' end` },
  ];
  return {
    role: config.resourceType,
    stems: [config.resourceType.toLowerCase()],
    fileKind: 'ndjson',
    mandatory: false,
    requiredColumns: [],
    columns: [],
    ndjsonParse: {
      layers: [
        [
          `${config.dateSql} as __date_raw`,
          `${referenceIdSql(jsonText('$.subject.reference'), 'Patient')} as __person`,
          `${referenceIdSql(jsonText(`${config.encounterPath}.reference`), 'Encounter')} as __encounter`,
          `${daysSupply} as __days_supply`,
          `${quantity} as __quantity`,
          `${route} as __route`,
          `${fhirListSql(`${config.conceptPath}.coding`)} as __codings`,
        ],
        [
          `${fhirPlainDateSql('__date_raw')} as __date_plain`,
          `len(__codings) as __codings_n`,
          `case when len(__codings) = 1 then ${fhirCodeSystemSql('__codings[1].system')} end as __system1`,
          `case when len(__codings) = 1 then __codings[1].code end as __code1`,
        ],
        [
          `${fhirDateSql('__date_raw', '__date_plain')} as __date`,
          `${hasCode} as __has_code`,
          `case when __codings_n > 1 then __codings end as __codings_more`,
        ],
        // The codings' JSON text, for the reject of a resource without a usable coding (rare): read
        // from the line, as json_extract of the concept gave it.
        [`case when not __has_code and resource is not null then cast(json_extract(line, '${config.conceptPath}.coding') as varchar) end as __coding_text`],
      ],
      checks,
      transient: ['__codings', '__date_plain'],
    },
    async load(db: Db, raw, file, stage) {
      await fhirStage(db, { source: raw.view, stage, checks });
      // One event per usable coding of a good resource; two codings can name one code (a line with
      // several codings is made distinct).
      await db.run(
        `insert into clinical_event
         with single as (
             select __line, __person, __date, __encounter, __days_supply, __quantity, __route, __system1 as code_system, __code1 as code
             from ${stage}
             where __codings_n = 1
         ),

         several as (
             select __line, __person, __date, __encounter, __days_supply, __quantity, __route, unnest(__codings_more) as __coding
             from ${stage}
             where __codings_n > 1
         ),

         several_usable as (
             select distinct * exclude (__coding), ${fhirCodeSystemSql('__coding.system')} as code_system, __coding.code as code
             from several
             where ${usable('__coding')}
         ),

         distinct_coding as (
             select * from single
             union all
             select * from several_usable
         ),

         final as (
             select row.__person, row.__date, null, $domain, row.code_system,
                    case when row.code_system = 'NDC' then ${fhirNdcSql('row.code')} else ${fhirCodeSql('row.code')} end,
                    case when stay.stay_id is not null then 'inpatient' end, stay.stay_id,
                    cast(row.__days_supply as integer), row.__quantity, null, null, null, row.__route,
                    $file, row.__line
             from distinct_coding as row
             left join inpatient_stay as stay
                 on stay.stay_id = 'encounter:' || row.__encounter and stay.person_id = row.__person
         )

         select * from final`,
        { domain: config.domain, file: file.name },
      );
      return { rejected: await rejectFromStage(db, stage, file.name) };
    },
  };
}
