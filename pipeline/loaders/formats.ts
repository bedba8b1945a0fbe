import type { InputFormat } from './discover.js';
import { claimsFormat } from './claimsFormat.js';
import { eventsFormat } from './eventsFormat.js';
import { fhirFormat } from './fhirFormat.js';
import { omopFormat } from './omopFormat.js';
import type { SourceSpec } from './sourceSpec.js';

/** Every input format and its sources. OMOP and FHIR are filled in by their own modules. */
export const formats: Record<InputFormat, SourceSpec[]> = {
  events: eventsFormat,
  claims: claimsFormat,
  omop: omopFormat,
  fhir: fhirFormat,
};
