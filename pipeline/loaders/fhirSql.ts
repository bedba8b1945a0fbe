import { fhirDateProblemSql } from './fhirDates.js';
import { fhirFieldSql } from './fhirStructure.js';
import type { Check } from './validate.js';

// SQL fragments shared by the FHIR sources (docs/contracts.md, format `fhir`: FHIR R4 bulk NDJSON).

/** Code-system URIs of FHIR codings and the value-set code system each maps to. */
export const fhirCodeSystems: Record<string, string> = {
  'http://snomed.info/sct': 'SNOMED',
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD10CM',
  'http://hl7.org/fhir/sid/icd-9-cm': 'ICD9CM',
  'http://www.cms.gov/Medicare/Coding/ICD10': 'ICD10PCS',
  'http://www.ama-assn.org/go/cpt': 'CPT',
  'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets': 'HCPCS',
  'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets': 'HCPCS',
  'urn:oid:2.16.840.1.113883.6.285': 'HCPCS',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RXNORM',
  'http://hl7.org/fhir/sid/ndc': 'NDC',
  'http://www.whocc.no/atc': 'ATC',
  'http://loinc.org': 'LOINC',
};

/**
 * SQL: the value-set code system of a coding's system URI, null when caregap does not read it. The
 * URI as given is looked up first and trimmed only when that finds nothing: `trim` copies every
 * string, and a URI that matches untrimmed maps to the same system trimmed.
 */
export function fhirCodeSystemSql(uri: string): string {
  const whens = Object.entries(fhirCodeSystems).map(([key, system]) => `when '${key}' then '${system}'`);
  return `coalesce(case ${uri} ${whens.join(' ')} end, case trim(${uri}) ${whens.join(' ')} end)`;
}

/**
 * SQL: exactly `not cg_blank(raw)`, without `trim` for text starting with a printable ASCII
 * character (which trim, removing spaces only, cannot leave empty).
 */
export function notBlankSql(raw: string): string {
  return `case when ascii(${raw}) between 33 and 126 then true else not cg_blank(${raw}) end`;
}

/**
 * SQL: a JSON path of `resource` as text (what `json_extract_string` would give), read from the
 * STRUCT that ndjsonTable.ts parsed each line into. The path must be listed for the resource type in
 * fhirFields.ts. Paths are constants in this module's callers.
 */
export function jsonText(path: string): string {
  return fhirFieldSql(path);
}

/**
 * SQL: the id a reference points to, for `<Type>/<id>` (also inside an absolute URL or with a
 * `/_history/n` suffix) or `urn:uuid:<id>`; null otherwise. The usual plain `<Type>/<id>` (no
 * other `/`, ending in a printable ASCII character, so with nothing for `trim` to remove) is read
 * with string functions, several times cheaper than the two regular expressions that read every
 * other spelling (and that give the same id for it).
 */
export function referenceIdSql(reference: string, type: string): string {
  const prefix = `${type}/`;
  // The last character by byte count: for an ASCII reference it is right(x, 1); for any other the
  // position lies past the last character, ascii('') is 0 and the regular expressions decide.
  // A fifth cheaper than right(), which counts characters (2.5M Condition references: 0.73 -> 0.59 s CPU).
  const plain = `(starts_with(${reference}, '${prefix}') and strlen(${reference}) > ${prefix.length}
      and strpos(substr(${reference}, ${prefix.length + 1}), '/') = 0 and ascii(substr(${reference}, strlen(${reference}))) between 33 and 126)`;
  return `case when ${plain} then substr(${reference}, ${prefix.length + 1}) else coalesce(
      nullif(regexp_extract(trim(${reference}), '(?:^|/)${type}/([^/]+)', 1), ''),
      nullif(regexp_extract(trim(${reference}), '^urn:uuid:(.+)$', 1), '')) end`;
}

/** The checks every FHIR row passes first: valid JSON, then the resource type the file is named for. */
export function resourceChecks(resourceType: string): Check[] {
  return [
    { column: 'resource', value: '__text', problem: `case when __invalid then 'invalid JSON' end` },
    {
      column: 'resourceType',
      value: `${jsonText('$.resourceType')}`,
      problem: `case when coalesce(${jsonText('$.resourceType')}, '') <> '${resourceType}'
                     then 'resource type ' || coalesce(${jsonText('$.resourceType')}, 'missing') || ' in a ${resourceType} file' end`,
    },
  ];
}

/** Check: a status that means the resource did not happen or is void is rejected with its status. */
export function statusCheck(statuses: string[]): Check {
  const list = statuses.length === 0 ? `''` : statuses.map((status) => `'${status}'`).join(', ');
  return {
    column: 'status',
    value: jsonText('$.status'),
    problem: `case when ${jsonText('$.status')} in (${list}) then 'status ' || ${jsonText('$.status')} end`,
  };
}

/**
 * Check: a required date (SQL `raw`, text) is present and parses. `plain`: SQL of a column holding
 * fhirPlainDateSql(raw), computed once per line, the fast path of the check.
 */
export function fhirDateCheck(column: string, raw: string, plain?: string): Check {
  return {
    column,
    value: raw,
    problem: `case when cg_blank(${raw}) then 'missing ${column}' else ${fhirDateProblemSql(raw)} end`,
    ...(plain === undefined ? {} : { fastOk: `coalesce(${plain}, false)` }),
  };
}

/** SQL: a FHIR Duration / Quantity (path to the object) in days; null for units other than time. */
export function durationDaysSql(path: string): string {
  const value = `try_cast(${jsonText(`${path}.value`)} as double)`;
  const unit = `lower(coalesce(${jsonText(`${path}.code`)}, ${jsonText(`${path}.unit`)}, 'd'))`;
  return `case
      when ${unit} in ('d', 'day', 'days') then ${value}
      when ${unit} in ('wk', 'week', 'weeks') then ${value} * 7
      when ${unit} in ('mo', 'month', 'months') then ${value} * 30
      when ${unit} in ('a', 'year', 'years') then ${value} * 365
    end`;
}
