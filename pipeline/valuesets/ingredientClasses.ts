/**
 * Calcium salts that count as oral calcium supplementation (docs/rules.md §5: calcium carbonate,
 * citrate and other oral salts; ATC A12AA). Other calcium compounds are not calcium supplements:
 * calcium polycarbophil (a laxative), ascorbate and pantothenate (vitamins), chloride (electrolyte
 * infusions), fluoride, hydroxide and sulfate (dental and homeopathic products).
 */
export const calciumSupplementIngredients: ReadonlySet<string> = new Set([
  'calcium',
  'calcium cation',
  'calcium acetate',
  'calcium carbonate',
  'calcium citrate',
  'calcium citrate malate',
  'calcium glubionate',
  'calcium gluconate',
  'calcium lactate',
  'calcium lactate gluconate',
  'calcium phosphate',
  'calcium phosphate, dibasic',
  'calcium phosphate, tribasic',
  'tricalcium phosphate',
  'dibasic calcium phosphate',
]);

/** Vitamin D that counts as supplementation (docs/rules.md §5). "vitamin d" is FDA's unspecified substance. */
export const vitaminDSupplementIngredients: ReadonlySet<string> = new Set(['cholecalciferol', 'ergocalciferol', 'vitamin d']);

/**
 * Active vitamin D and its analogues: not supplementation (docs/rules.md §5, docs/codes.md), so
 * a product holding one is left out and counted.
 */
export const activeVitaminDIngredients: ReadonlySet<string> = new Set(['calcitriol', 'alfacalcidol', 'doxercalciferol', 'paricalcitol']);
