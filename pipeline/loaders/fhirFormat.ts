import { fhirCodedSpec } from './fhirCoded.js';
import { fhirDateProblemSql, fhirDateSql, fhirOpenEndDateProblemSql, fhirPlainDateSql } from './fhirDates.js';
import { fhirDateCheck, jsonText, referenceIdSql, resourceChecks, statusCheck, durationDaysSql } from './fhirSql.js';
import { fhirStage } from './fhirStage.js';
import type { SourceSpec } from './sourceSpec.js';
import { rejectFromStage, type Check } from './validate.js';

// docs/contracts.md, format `fhir`: FHIR R4 bulk-data NDJSON, one resource per line, files named
// `<ResourceType>*.ndjson`. References `Patient/<id>` or `urn:uuid:<id>` give the person_id.

const patientChecks: Check[] = [
  ...resourceChecks('Patient'),
  { column: 'id', value: jsonText('$.id'), problem: `case when __person is null then 'missing person id' end` },
  { column: 'birthDate', value: jsonText('$.birthDate'), problem: fhirDateProblemSql(jsonText('$.birthDate')) },
  { column: 'deceasedDateTime', value: jsonText('$.deceasedDateTime'), problem: fhirDateProblemSql(jsonText('$.deceasedDateTime')) },
  { column: 'gender', value: jsonText('$.gender'), problem: `case when __sex is null then 'unknown sex value' end` },
];

const patient: SourceSpec = {
  role: 'Patient',
  stems: ['patient'],
  fileKind: 'ndjson',
  mandatory: true,
  requiredColumns: [],
  columns: [],
  ndjsonParse: {
    layers: [
      [
        `nullif(trim(${jsonText('$.id')}), '') as __person`,
        `${fhirDateSql(jsonText('$.birthDate'))} as __birth`,
        `cg_sex(${jsonText('$.gender')}) as __sex`,
        `${fhirDateSql(jsonText('$.deceasedDateTime'))} as __death`,
      ],
    ],
    checks: patientChecks,
  },
  async load(db, raw, file, stage) {
    // A second row with an id (by line, every row counted) is a duplicate: it needs the line order,
    // so it is checked here, after the parse's checks.
    await db.run(`
      create table ${stage}_dup as
      select __line from ${raw.view}
      where __person is not null
      qualify row_number() over (partition by __person order by __line) > 1`);
    await fhirStage(db, {
      source: raw.view,
      stage,
      checks: patientChecks,
      lateChecks: [{ column: 'id', value: '__person', problem: `case when __line in (select __line from ${stage}_dup) then 'duplicate person' end` }],
    });
    await db.run(`insert into person select __person, __birth, __sex, __death, null, null from ${stage}`);
    return { rejected: await rejectFromStage(db, stage, file.name) };
  },
};

/** Encounter classes (v3 ActCode) that are inpatient stays. */
export const inpatientEncounterClasses = ['IMP', 'ACUTE', 'NONAC'];

const encounterChecks: Check[] = [
  ...resourceChecks('Encounter'),
  { column: 'subject', value: jsonText('$.subject.reference'), problem: `case when __person is null then 'missing person id' end` },
  statusCheck(['entered-in-error', 'cancelled']),
  {
    column: 'period.start',
    value: jsonText('$.period.start'),
    problem: `case when __is_stay and cg_blank(${jsonText('$.period.start')}) then 'missing period.start'
                   else ${fhirDateProblemSql(jsonText('$.period.start'))} end`,
    fastOk: 'coalesce(__start_plain, false)',
  },
  {
    column: 'period.end',
    value: jsonText('$.period.end'),
    problem: fhirDateProblemSql(jsonText('$.period.end')),
    fastOk: `coalesce(__end_plain, ${jsonText('$.period.end')} is null)`,
  },
  { column: 'period.end', value: jsonText('$.period.end'), problem: `case when __end < __start then 'end before start' end` },
];

const encounter: SourceSpec = {
  role: 'Encounter',
  stems: ['encounter'],
  fileKind: 'ndjson',
  mandatory: false,
  requiredColumns: [],
  columns: [],
  ndjsonParse: {
    layers: [
      [
        `${referenceIdSql(jsonText('$.subject.reference'), 'Patient')} as __person`,
        `coalesce(upper(${jsonText('$.class.code')}) in (${inpatientEncounterClasses.map((code) => `'${code}'`).join(', ')}), false) as __is_stay`,
        `${fhirPlainDateSql(jsonText('$.period.start'))} as __start_plain`,
        `${fhirPlainDateSql(jsonText('$.period.end'))} as __end_plain`,
        `${jsonText('$.id')} as __id`,
      ],
      [
        `${fhirDateSql(jsonText('$.period.start'), '__start_plain')} as __start`,
        `${fhirDateSql(jsonText('$.period.end'), '__end_plain')} as __end`,
      ],
    ],
    checks: encounterChecks,
    transient: ['__start_plain', '__end_plain'],
  },
  async load(db, raw, file, stage) {
    await fhirStage(db, { source: raw.view, stage, checks: encounterChecks });
    // Inpatient encounters are stays; other encounters are loaded and yield no row.
    await db.run(`insert into inpatient_stay select __person, 'encounter:' || __id, __start, __end from ${stage} where __is_stay`);
    return { rejected: await rejectFromStage(db, stage, file.name) };
  },
};

const coverageStart = jsonText('$.period.start');
const coverageEnd = jsonText('$.period.end');
const coverageChecks: Check[] = [
  ...resourceChecks('Coverage'),
  { column: 'beneficiary', value: jsonText('$.beneficiary.reference'), problem: `case when __person is null then 'missing person id' end` },
  statusCheck(['entered-in-error', 'cancelled', 'draft']),
  fhirDateCheck('period.start', coverageStart, '__start_plain'),
  // A Coverage's end is the end of an enrollment span: a far-future end reads as open-ended.
  { column: 'period.end', value: coverageEnd, problem: fhirOpenEndDateProblemSql(coverageEnd) },
  { column: 'period.end', value: coverageEnd, problem: `case when __end < __start then 'end before start' end` },
];

const coverage: SourceSpec = {
  role: 'Coverage',
  stems: ['coverage'],
  fileKind: 'ndjson',
  mandatory: false,
  requiredColumns: [],
  columns: [],
  ndjsonParse: {
    layers: [
      [
        `${referenceIdSql(jsonText('$.beneficiary.reference'), 'Patient')} as __person`,
        `${fhirPlainDateSql(coverageStart)} as __start_plain`,
        `${fhirDateSql(coverageEnd)} as __end`,
        `nullif(trim(${jsonText('$.payor[0].display')}), '') as __payer`,
      ],
      [`${fhirDateSql(coverageStart, '__start_plain')} as __start`],
    ],
    checks: coverageChecks,
    transient: ['__start_plain'],
  },
  async load(db, raw, file, stage) {
    await fhirStage(db, { source: raw.view, stage, checks: coverageChecks });
    await db.run(`insert into coverage select __person, __start, __end, __payer from ${stage}`);
    return { rejected: await rejectFromStage(db, stage, file.name) };
  },
};

const condition = fhirCodedSpec({
  resourceType: 'Condition',
  domain: 'diagnosis',
  conceptPath: '$.code',
  dateSql: `coalesce(${jsonText('$.onsetDateTime')}, ${jsonText('$.onsetPeriod.start')}, ${jsonText('$.recordedDate')})`,
  dateLabel: 'onsetDateTime',
  encounterPath: '$.encounter',
  voidStatuses: [],
  extraChecks: [
    {
      column: 'verificationStatus',
      value: jsonText('$.verificationStatus.coding[0].code'),
      problem: `case when ${jsonText('$.verificationStatus.coding[0].code')} in ('entered-in-error', 'refuted')
                     then 'verification status ' || ${jsonText('$.verificationStatus.coding[0].code')} end`,
    },
  ],
});

const procedure = fhirCodedSpec({
  resourceType: 'Procedure',
  domain: 'procedure',
  conceptPath: '$.code',
  dateSql: `coalesce(${jsonText('$.performedDateTime')}, ${jsonText('$.performedPeriod.start')})`,
  dateLabel: 'performedDateTime',
  encounterPath: '$.encounter',
  voidStatuses: ['entered-in-error', 'not-done', 'preparation'],
});

const medicationByReference = {
  column: 'medicationReference',
  value: `json_extract_string(${jsonText('$.medicationReference')}, '$.reference')`,
  problem: `case when ${jsonText('$.medicationCodeableConcept')} is null and ${jsonText('$.medicationReference')} is not null
                 then 'medication by reference only (not read)' end`,
};

const medicationRequest = fhirCodedSpec({
  resourceType: 'MedicationRequest',
  domain: 'drug',
  conceptPath: '$.medicationCodeableConcept',
  dateSql: jsonText('$.authoredOn'),
  dateLabel: 'authoredOn',
  encounterPath: '$.encounter',
  voidStatuses: ['entered-in-error', 'cancelled', 'draft'],
  daysSupplySql: durationDaysSql('$.dispenseRequest.expectedSupplyDuration'),
  quantitySql: `try_cast(${jsonText('$.dispenseRequest.quantity.value')} as double)`,
  routePath: '$.dosageInstruction[0].route',
  extraChecks: [medicationByReference],
});

const medicationDispense = fhirCodedSpec({
  resourceType: 'MedicationDispense',
  domain: 'drug',
  conceptPath: '$.medicationCodeableConcept',
  dateSql: `coalesce(${jsonText('$.whenHandedOver')}, ${jsonText('$.whenPrepared')})`,
  dateLabel: 'whenHandedOver',
  encounterPath: '$.context',
  voidStatuses: ['entered-in-error', 'cancelled', 'declined', 'preparation'],
  daysSupplySql: durationDaysSql('$.daysSupply'),
  quantitySql: `try_cast(${jsonText('$.quantity.value')} as double)`,
  routePath: '$.dosageInstruction[0].route',
  extraChecks: [medicationByReference],
});

const medicationAdministration = fhirCodedSpec({
  resourceType: 'MedicationAdministration',
  domain: 'drug',
  conceptPath: '$.medicationCodeableConcept',
  dateSql: `coalesce(${jsonText('$.effectiveDateTime')}, ${jsonText('$.effectivePeriod.start')})`,
  dateLabel: 'effectiveDateTime',
  encounterPath: '$.context',
  voidStatuses: ['entered-in-error', 'not-done'],
  routePath: '$.dosage.route',
  extraChecks: [medicationByReference],
});

/** The FHIR format's sources, in load order (Encounter before the resources that link to its stays). */
export const fhirFormat: SourceSpec[] = [
  patient, encounter, coverage, condition, procedure, medicationRequest, medicationDispense, medicationAdministration,
];
