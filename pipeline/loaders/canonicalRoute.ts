/**
 * SQL for the canonical route of administration (IV, IM, SC, ORAL, else the source text upper-cased)
 * from the spellings OMOP and FHIR sources use: MIMIC's `IV DRIP`, `IVPCA`, `SUBCUT`, `PO/NG`; FHIR
 * route text; SNOMED route codes (47625008 intravenous, 78421000 intramuscular, 34206005
 * subcutaneous, 26643006 oral) and the OMOP route concepts (4171047, 4302612, 4142048, 4132161).
 *
 * `text` and `code` are SQL expressions (either may be null). Rule C reads IV/IM/SC (docs/rules.md §6).
 */
export function canonicalRouteSql(text: string, code = 'cast(null as varchar)'): string {
  const upper = `upper(trim(${text}))`;
  return `case
      when trim(${code}) in ('47625008', '4171047') then 'IV'
      when trim(${code}) in ('78421000', '4302612') then 'IM'
      when trim(${code}) in ('34206005', '4142048') then 'SC'
      when trim(${code}) in ('26643006', '4132161') then 'ORAL'
      when ${upper} like 'IV%' or ${upper} like '%INTRAVENOUS%' then 'IV'
      when ${upper} in ('IM') or ${upper} like '%INTRAMUSCULAR%' then 'IM'
      when ${upper} in ('SC', 'SQ', 'SUBCUT') or ${upper} like '%SUBCUTANEOUS%' then 'SC'
      when ${upper} in ('PO', 'PO/NG', 'ORAL') or ${upper} like 'ORAL%' or ${upper} like '%BY MOUTH%' then 'ORAL'
      else nullif(${upper}, '')
    end`;
}
