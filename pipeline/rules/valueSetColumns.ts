/** Columns every value-set file must have (docs/rules.md §1); extra columns are allowed. */
export const requiredValueSetColumns = [
  'value_set',
  'code_system',
  'code',
  'display',
  'ingredient',
  'cover_days',
  'strength',
  'strength_unit',
] as const;

/**
 * Optional columns the rules read when present: provenance (source, verified) and per-set
 * attributes (fracture_level for the fracture sets, procedure_type for vertebral_augmentation,
 * max_units for HCPCS units limits such as J0897 <= 60). Any other column is ignored.
 */
export const optionalValueSetColumns = [
  'source',
  'verified',
  'fracture_level',
  'procedure_type',
  'max_units',
] as const;

/** Columns of value_set_catalog.csv files. */
export const requiredCatalogColumns = ['value_set', 'domain'] as const;
