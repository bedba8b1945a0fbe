// A FHIR coding's code normalised as the cg_code / cg_ndc macros do (pipeline/sql/macros.sql,
// docs/rules.md §1), without their regular expressions for the usual spellings: code normalisation
// runs once per loaded coding, and the regular expressions were a large share of the insert.

/** The characters cg_code removes: RE2's `\s` ([\t\n\f\r ]), dot and dash. */
const removed = `'.-' || chr(9) || chr(10) || chr(12) || chr(13) || ' '`;

/** SQL: exactly `cg_code(raw)`; `translate` deletes the characters cg_code's regular expression removes. */
export function fhirCodeSql(raw: string): string {
  return `nullif(upper(translate(${raw}, ${removed}, '')), '')`;
}

/**
 * SQL: exactly `cg_ndc(raw)`. A dashed 5-4-2 NDC (eleven digits, dashes at positions 6 and 11, as
 * FHIR's NDC system writes it) is its digits, which is what cg_ndc's padding gives for it; every
 * other spelling goes through cg_ndc.
 */
export function fhirNdcSql(raw: string): string {
  const dashed542 = `(length(${raw}) = 13 and substr(${raw}, 6, 1) = '-' and substr(${raw}, 11, 1) = '-'
      and translate(${raw}, '0123456789', '') = '--')`;
  return `case when ${dashed542} then replace(${raw}, '-', '') else cg_ndc(${raw}) end`;
}
