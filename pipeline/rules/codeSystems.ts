/** Code systems a value-set row may use (docs/rules.md §1). */
export const codeSystems = [
  'ICD10CM',
  'ICD9CM',
  'ICD10PCS',
  'CPT',
  'HCPCS',
  'NDC',
  'RXNORM',
  'ATC',
  'SNOMED',
  'LOINC',
  'CAREGAP',
] as const;

/** Value-set domains (rules/valuesets/catalog.csv); they matter only for ICD9CM rows. */
export const valueSetDomains = ['diagnosis', 'procedure', 'drug', 'any'] as const;
