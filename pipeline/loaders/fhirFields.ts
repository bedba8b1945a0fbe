import { fhirJsonStructure } from './fhirStructure.js';

// The elements of each FHIR resource type that the loaders read (fhirFormat.ts, fhirCoded.ts,
// fhirSql.ts): nothing else of a resource is parsed or kept. A path used by a loader but missing
// here fails the load's SQL at bind time (the FHIR loader tests cover every path). `:json` marks an
// element kept as JSON text and read further inside; `[*]` a list of every item (a concept's
// codings) (fhirStructure.ts).
const common = ['$.resourceType', '$.id', '$.status'];
const route = (path: string): string[] => [`${path}.text`, `${path}.coding[0].display`, `${path}.coding[0].code`];
const duration = (path: string): string[] => [`${path}.value`, `${path}.code`, `${path}.unit`];
const codings = (path: string): string[] => [`${path}.coding[*].system`, `${path}.coding[*].code`];
const medication = [...codings('$.medicationCodeableConcept'), '$.medicationReference:json'];

const fields: Record<string, string[]> = {
  Patient: [...common, '$.birthDate', '$.deceasedDateTime', '$.gender'],
  Encounter: [...common, '$.subject.reference', '$.class.code', '$.period.start', '$.period.end'],
  Coverage: [...common, '$.beneficiary.reference', '$.period.start', '$.period.end', '$.payor[0].display'],
  Condition: [
    ...common, '$.subject.reference', ...codings('$.code'), '$.encounter.reference', '$.onsetDateTime', '$.onsetPeriod.start',
    '$.recordedDate', '$.verificationStatus.coding[0].code',
  ],
  Procedure: [...common, '$.subject.reference', ...codings('$.code'), '$.encounter.reference', '$.performedDateTime', '$.performedPeriod.start'],
  MedicationRequest: [
    ...common, '$.subject.reference', ...medication, '$.encounter.reference', '$.authoredOn',
    ...duration('$.dispenseRequest.expectedSupplyDuration'), '$.dispenseRequest.quantity.value', ...route('$.dosageInstruction[0].route'),
  ],
  MedicationDispense: [
    ...common, '$.subject.reference', ...medication, '$.context.reference', '$.whenHandedOver', '$.whenPrepared',
    ...duration('$.daysSupply'), '$.quantity.value', ...route('$.dosageInstruction[0].route'),
  ],
  MedicationAdministration: [
    ...common, '$.subject.reference', ...medication, '$.context.reference', '$.effectiveDateTime', '$.effectivePeriod.start',
    ...route('$.dosage.route'),
  ],
};

/**
 * The `json_transform` structure of a FHIR resource type (the role of an NDJSON file): only the
 * elements its loader reads. Throws for a resource type caregap does not load.
 */
export function fhirStructureFor(resourceType: string): string {
  const paths = fields[resourceType];
  if (!paths) throw new Error(`no FHIR fields defined for resource type ${resourceType}`);
  return fhirJsonStructure(paths);
}
