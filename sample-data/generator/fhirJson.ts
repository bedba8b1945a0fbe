/**
 * SQL turning a struct expression into one line of FHIR JSON: DuckDB's `to_json`, with every
 * `"key":null` member removed (FHIR JSON forbids nulls; a missing element is left out). Only keys
 * of letters are stripped, which is every element name the fhir writer uses; string values never
 * hold `":null` (they are ids, codes, dates and fixed texts).
 */
export function fhirJsonSql(struct: string): string {
  const json = `to_json(${struct})::varchar`;
  return `regexp_replace(regexp_replace(${json}, ',"[A-Za-z]+":null', '', 'g'), '"[A-Za-z]+":null,?', '', 'g')`;
}

/** SQL struct of a reference `{reference: '<type>/<id>'}` for an id expression. */
export function referenceSql(type: string, id: string): string {
  return `{'reference': '${type}/' || ${id}}`;
}

/** SQL struct of a CodeableConcept with one coding. */
export function codeableSql(system: string, code: string, display?: string): string {
  return `{'coding': [{'system': ${system}, 'code': ${code}${display ? `, 'display': ${display}` : ''}}]}`;
}
