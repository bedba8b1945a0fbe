// Value-set expansions for the cql-execution comparison rule (bench/cql/untreatedVertebralFracture.cql).
// cql-execution matches codes exactly (no prefix patterns), so the expansions list the codes as
// FHIR writes them (ICD-10-CM with the dot, NDC in 5-4-2 form), drawn from the same value sets as
// docs/codes.md: vertebral fractures at an initial or subsequent-care-for-healing encounter (7th
// character A or B), and osteoporosis drugs (the generator's synthetic oral NDCs and the HCPCS
// J-codes of the injectables).

const icd10cm = 'http://hl7.org/fhir/sid/icd-10-cm';
const ndc = 'http://hl7.org/fhir/sid/ndc';
const hcpcs = 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';

/** M80.08X?, M48.5?X? and S22.0??? / S32.0??? codes, each with 7th character A and B. */
function vertebralFractureCodes(): string[] {
  const stems = ['M80.08X', 'M80.88X', ...'012345678'.split('').map((site) => `M48.5${site}X`)];
  for (const region of ['S22.0', 'S32.0']) {
    for (const level of '012345689') for (const type of '01289') stems.push(`${region}${level}${type}`);
  }
  return stems.flatMap((stem) => [`${stem}A`, `${stem}B`]);
}

/** One code of a cql-execution value-set expansion. */
export interface ExpansionCode {
  code: string;
  system: string;
}

/**
 * The rule's value sets in cql-execution's CodeService shape: `{ <value-set id>: { <version>: codes } }`.
 * Limit: ICD-10-CM fracture codes at A/B encounters only; the osteoporosis NDCs are the
 * generator's invented labeler 99999 products (real NDCs would come from the FDA directory).
 */
export function cqlBenchValueSets(): Record<string, Record<string, ExpansionCode[]>> {
  const drugs: ExpansionCode[] = [
    ...['99999-0101-01', '99999-0102-01', '99999-0103-01'].map((code) => ({ code, system: ndc })),
    ...['J0897', 'J3489', 'J1740', 'J3111'].map((code) => ({ code, system: hcpcs })),
  ];
  return {
    'urn:caregap:bench:vertebral-fracture': { '1': vertebralFractureCodes().map((code) => ({ code, system: icd10cm })) },
    'urn:caregap:bench:osteoporosis-drug': { '1': drugs },
  };
}
