/**
 * Invented NDCs (labeler 99999, never a real product) used for every drug fill the generator writes.
 * Those that belong to a rule value set are listed in `valuesets/synthetic_ndc.csv` beside the data;
 * the background ones belong to no value set on purpose.
 */
export interface SyntheticNdc {
  /** Short name the generator's SQL uses. */
  key: string;
  /** 11-digit 5-4-2 NDC without dashes. */
  ndc: string;
  display: string;
  ingredient: string;
  /** Value-set rows: [value_set, cover_days, strength, strength_unit]. */
  valueSets: ReadonlyArray<readonly [string, number | null, number | null, string | null]>;
}

export const syntheticNdcs: readonly SyntheticNdc[] = [
  { key: 'alendronate', ndc: '99999010101', display: 'alendronate sodium 70 mg oral tablet (synthetic)', ingredient: 'alendronate', valueSets: [['osteoporosis_therapy', 30, 70, 'mg']] },
  { key: 'risedronate', ndc: '99999010201', display: 'risedronate sodium 35 mg oral tablet (synthetic)', ingredient: 'risedronate', valueSets: [['osteoporosis_therapy', 30, 35, 'mg']] },
  { key: 'raloxifene', ndc: '99999010301', display: 'raloxifene 60 mg oral tablet (synthetic)', ingredient: 'raloxifene', valueSets: [['osteoporosis_therapy', 30, 60, 'mg']] },
  // A long-acting injectable dispensed by a pharmacy: written with days supply 1, it covers its cover_days all the same (docs/rules.md §4).
  { key: 'denosumab60', ndc: '99999040101', display: 'denosumab 60 mg/mL prefilled syringe (synthetic)', ingredient: 'denosumab', valueSets: [['osteoporosis_therapy', 183, 60, 'mg']] },
  { key: 'calcium600', ndc: '99999020101', display: 'calcium carbonate 600 mg (elemental) oral tablet (synthetic)', ingredient: 'calcium carbonate', valueSets: [['calcium_supplement', null, 600, 'mg']] },
  { key: 'calcium500', ndc: '99999020201', display: 'calcium citrate 500 mg (elemental) oral tablet (synthetic)', ingredient: 'calcium citrate', valueSets: [['calcium_supplement', null, 500, 'mg']] },
  {
    key: 'calcium_d',
    ndc: '99999020301',
    display: 'calcium carbonate 600 mg / cholecalciferol 400 IU oral tablet (synthetic)',
    ingredient: 'calcium carbonate; cholecalciferol',
    valueSets: [
      ['calcium_supplement', null, 600, 'mg'],
      ['vitamin_d_supplement', null, 400, 'IU'],
    ],
  },
  { key: 'vitd1000', ndc: '99999030101', display: 'cholecalciferol 1000 IU oral tablet (synthetic)', ingredient: 'cholecalciferol', valueSets: [['vitamin_d_supplement', null, 1000, 'IU']] },
  { key: 'vitd400', ndc: '99999030201', display: 'cholecalciferol 400 IU oral tablet (synthetic)', ingredient: 'cholecalciferol', valueSets: [['vitamin_d_supplement', null, 400, 'IU']] },
  { key: 'ergo50000', ndc: '99999030301', display: 'ergocalciferol 50000 IU oral capsule (synthetic)', ingredient: 'ergocalciferol', valueSets: [['vitamin_d_supplement', null, 50000, 'IU']] },
  // Background: in no value set. Calcitriol is active vitamin D, calcitonin is not therapy (docs/rules.md).
  { key: 'calcitriol', ndc: '99999090101', display: 'calcitriol 0.25 mcg oral capsule (synthetic; active vitamin D)', ingredient: 'calcitriol', valueSets: [] },
  { key: 'calcitonin', ndc: '99999090201', display: 'calcitonin salmon nasal spray (synthetic)', ingredient: 'calcitonin', valueSets: [] },
  { key: 'lisinopril', ndc: '99999090301', display: 'lisinopril 10 mg oral tablet (synthetic)', ingredient: 'lisinopril', valueSets: [] },
  { key: 'atorvastatin', ndc: '99999090401', display: 'atorvastatin 20 mg oral tablet (synthetic)', ingredient: 'atorvastatin', valueSets: [] },
  { key: 'metformin', ndc: '99999090501', display: 'metformin 500 mg oral tablet (synthetic)', ingredient: 'metformin', valueSets: [] },
  { key: 'omeprazole', ndc: '99999090601', display: 'omeprazole 20 mg oral capsule (synthetic)', ingredient: 'omeprazole', valueSets: [] },
  { key: 'tramadol', ndc: '99999090701', display: 'tramadol 50 mg oral tablet (synthetic)', ingredient: 'tramadol', valueSets: [] },
  { key: 'levothyroxine', ndc: '99999090801', display: 'levothyroxine 50 mcg oral tablet (synthetic)', ingredient: 'levothyroxine', valueSets: [] },
  { key: 'amlodipine', ndc: '99999090901', display: 'amlodipine 5 mg oral tablet (synthetic)', ingredient: 'amlodipine', valueSets: [] },
  { key: 'acetaminophen', ndc: '99999091001', display: 'acetaminophen 500 mg oral tablet (synthetic)', ingredient: 'acetaminophen', valueSets: [] },
  // The oncology denosumab product (120 mg, billed as J0897 x 120): the fhir writer's product code for
  // it, since FHIR medication resources carry the product, not billed units. In no value set.
  { key: 'denosumab120', ndc: '99999092001', display: 'denosumab 120 mg/1.7 mL injection, oncology (synthetic)', ingredient: 'denosumab', valueSets: [] },
];

/** Keys that are no background drug: calcitriol and calcitonin are planted as traps, denosumab120 only by the fhir writer. */
const notBackground = new Set(['calcitriol', 'calcitonin', 'denosumab120']);

/** The NDC of a catalogue key; throws on an unknown key so a typo cannot plant a wrong drug. */
export function ndcOf(key: string): string {
  const entry = syntheticNdcs.find((candidate) => candidate.key === key);
  if (!entry) throw new Error(`unknown synthetic NDC key ${key}`);
  return entry.ndc;
}

/** Keys of the background drugs (no value set). */
export const backgroundNdcKeys = syntheticNdcs.filter((entry) => entry.valueSets.length === 0 && !notBackground.has(entry.key)).map((entry) => entry.key);

const valueSetHeader = 'value_set,code_system,code,display,ingredient,cover_days,strength,strength_unit,source,verified';

const csvField = (value: string | number | null): string => {
  if (value === null) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The text of `valuesets/synthetic_ndc.csv`: every value-set row of the invented NDCs. */
export function syntheticNdcValueSetCsv(): string {
  const rows = syntheticNdcs.flatMap((entry) =>
    entry.valueSets.map(([valueSet, coverDays, strength, unit]) =>
      [valueSet, 'NDC', entry.ndc, entry.display, entry.ingredient, coverDays, strength, unit, 'synthetic: caregap generate (labeler 99999, invented)', 'synthetic']
        .map(csvField)
        .join(','),
    ),
  );
  return `${valueSetHeader}\n${rows.join('\n')}\n`;
}
