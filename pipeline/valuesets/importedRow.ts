/** The drug value sets an FDA NDC import fills (docs/rules.md §4, §5). */
export const drugValueSets = ['osteoporosis_therapy', 'calcium_supplement', 'vitamin_d_supplement'] as const;
export type DrugValueSet = (typeof drugValueSets)[number];

/** The header of an imported value-set file: the standard columns, then provenance. */
export const importedValueSetHeader = [
  'value_set', 'code_system', 'code', 'display', 'ingredient', 'cover_days', 'strength', 'strength_unit', 'source', 'verified',
] as const;

/** The `verified` value of every imported row; it also marks a file as written by the import. */
export const importedMark = 'imported';

/** One value-set row of a package NDC. */
export interface ImportedRow {
  valueSet: DrugValueSet;
  /** 11 digits, 5-4-2. */
  code: string;
  display: string;
  ingredient: string;
  coverDays: number | null;
  /** Per dose unit (tablet, capsule, mL...); null when FDA's unit cannot be converted. */
  strength: number | null;
  /** mg (therapy, calcium) or IU (vitamin D); empty without a strength. */
  strengthUnit: 'mg' | 'IU' | '';
}
