// A FHIR coding's code normalised as the cg_code / cg_ndc macros do (pipeline/sql/macros.sql,
// docs/rules.md §1), with one cheap test for the usual spellings instead of the macros' replacing
// regular expressions: code normalisation runs once per loaded coding, and it was a large share of
// the insert.

/** The characters cg_code removes: RE2's `\s` ([\t\n\f\r ]), dot and dash. */
const removed = `'.-' || chr(9) || chr(10) || chr(12) || chr(13) || ' '`;

/**
 * SQL: exactly `cg_code(raw)`. A code of upper-case letters, digits and dots (the usual spelling) is
 * itself without its dots; any other goes through `translate`, which deletes the characters
 * cg_code's regular expression removes (a map built per value: about twice the cost of the match).
 */
export function fhirCodeSql(raw: string): string {
  return `case when regexp_full_match(${raw}, '[A-Z0-9.]+') then nullif(replace(${raw}, '.', ''), '')
      else nullif(upper(translate(${raw}, ${removed}, '')), '') end`;
}

/**
 * SQL: exactly `cg_ndc(raw)`. A dashed 5-4-2 NDC (eleven digits, dashes at positions 6 and 11, as
 * FHIR's NDC system writes it) is its digits, which is what cg_ndc's padding gives for it; every
 * other spelling goes through cg_ndc.
 */
export function fhirNdcSql(raw: string): string {
  const dashed542 = `regexp_full_match(${raw}, '[0-9]{5}-[0-9]{4}-[0-9]{2}')`;
  return `case when ${dashed542} then replace(${raw}, '-', '') else cg_ndc(${raw}) end`;
}
