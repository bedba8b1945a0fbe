import { activeVitaminDIngredients, calciumSupplementIngredients, vitaminDSupplementIngredients } from './ingredientClasses.js';
import { ingredientName } from './ingredientName.js';
import type { DrugValueSet } from './importedRow.js';
import { isHomeopathicUnit, milligramsPerDoseUnit, parseStrength, vitaminDUnitsPerDoseUnit, type Strength } from './parseStrength.js';
import type { IngredientCoverDays } from './therapyCoverDays.js';

/** Why a product yields no value-set row. */
export type LeftOutReason =
  | 'product_type'
  | 'excluded_by_fda'
  | 'homeopathic'
  | 'active_vitamin_d'
  | 'calcium_not_oral'
  | 'other_ingredients';

/** A product's row for one value set, before its packages give the codes. */
export interface ProductValueSetRow {
  valueSet: DrugValueSet;
  ingredient: string;
  coverDays: number | null;
  strength: number | null;
  strengthUnit: 'mg' | 'IU' | '';
}

/** What a product is: included (its value-set rows), left out (why), or unreadable (which column, what). */
export type ProductClass =
  | { kind: 'included'; rows: ProductValueSetRow[]; therapyStrengths: Array<{ ingredient: string; strength: Strength }> }
  | { kind: 'left_out'; reason: LeftOutReason }
  | { kind: 'problem'; column: string; problem: string };

/** FDA product types that are finished human drugs; UNFINISHED and BULK INGREDIENT products, vaccines and the rest are not. */
const finishedHumanDrugTypes = new Set(['HUMAN PRESCRIPTION DRUG', 'HUMAN OTC DRUG']);
const parenteralRoute = /\b(INTRAVENOUS|SUBCUTANEOUS|INTRAMUSCULAR)\b/;

/**
 * Classifies one row of FDA's product.txt into the drug value sets (docs/rules.md §4, §5):
 * osteoporosis_therapy (ingredients of the shipped therapy value set, `therapy`), calcium_supplement
 * (oral calcium salts) and vitamin_d_supplement (cholecalciferol, ergocalciferol), one row per value
 * set the product belongs to, each with that ingredient's strength from the parallel `; `-separated
 * strength and unit lists (alendronate + cholecalciferol is a therapy row and a vitamin D row).
 *
 * Left out: products that are not finished human prescription or OTC drugs, products FDA flags
 * with NDC_EXCLUDE_FLAG (anything but empty or N), homeopathic products, products holding active
 * vitamin D (calcitriol, alfacalcidol, doxercalciferol, paricalcitol), calcium that is not oral
 * (IV calcium, docs/rules.md §5), and every other ingredient. Oncology strengths are judged per
 * package (isOncologyPackage), from `therapyStrengths`.
 *
 * Strength: therapy and calcium in mg, vitamin D in IU, per dose unit (tablet, capsule, mL);
 * calcium salts in mg of the salt as FDA gives them (calcium carbonate 1250 mg is 500 mg of
 * elemental calcium). A unit that does not convert leaves the strength empty (an unknown dose).
 * Two ingredients of one value set in one product give one row naming both, without a strength.
 * A relevant product whose strength lists do not line up, or whose strength is not a number, is a
 * problem for the caller to report.
 */
export function classifyProduct(fields: Record<string, string>, therapy: ReadonlyMap<string, IngredientCoverDays>): ProductClass {
  if (!finishedHumanDrugTypes.has((fields.PRODUCTTYPENAME ?? '').toUpperCase())) return { kind: 'left_out', reason: 'product_type' };
  const excludeFlag = (fields.NDC_EXCLUDE_FLAG ?? '').toUpperCase();
  if (excludeFlag !== '' && excludeFlag !== 'N') return { kind: 'left_out', reason: 'excluded_by_fda' };

  const known = knownIngredients(therapy);
  const names = splitList(fields.SUBSTANCENAME ?? '').map((substance) => ingredientName(substance, known));
  if (!names.some((name) => known.has(name))) return { kind: 'left_out', reason: 'other_ingredients' };
  if ((fields.MARKETINGCATEGORYNAME ?? '').toUpperCase() === 'UNAPPROVED HOMEOPATHIC') return { kind: 'left_out', reason: 'homeopathic' };
  if (names.some((name) => activeVitaminDIngredients.has(name))) return { kind: 'left_out', reason: 'active_vitamin_d' };

  const amounts = splitList(fields.ACTIVE_NUMERATOR_STRENGTH ?? '');
  const units = splitList(fields.ACTIVE_INGRED_UNIT ?? '');
  if (amounts.length !== names.length) {
    return { kind: 'problem', column: 'ACTIVE_NUMERATOR_STRENGTH', problem: `${amounts.length} strength(s) for ${names.length} substance(s) in SUBSTANCENAME` };
  }
  if (units.length !== names.length) {
    return { kind: 'problem', column: 'ACTIVE_INGRED_UNIT', problem: `${units.length} unit(s) for ${names.length} substance(s) in SUBSTANCENAME` };
  }

  const route = (fields.ROUTENAME ?? '').toUpperCase();
  const isOral = /\bORAL\b/.test(route);
  const byValueSet = new Map<DrugValueSet, ProductValueSetRow[]>();
  const therapyStrengths: Array<{ ingredient: string; strength: Strength }> = [];
  let calciumNotOral = false;
  for (const [index, ingredient] of names.entries()) {
    const therapyDays = therapy.get(ingredient);
    const isCalcium = calciumSupplementIngredients.has(ingredient);
    const isVitaminD = vitaminDSupplementIngredients.has(ingredient);
    if (!therapyDays && !isCalcium && !isVitaminD) continue;
    const strength = parseStrength(amounts[index]!, units[index]!);
    if ('problem' in strength) {
      const column = strength.problem.startsWith('strength') ? 'ACTIVE_NUMERATOR_STRENGTH' : 'ACTIVE_INGRED_UNIT';
      return { kind: 'problem', column, problem: `${ingredient}: ${strength.problem}` };
    }
    if (isHomeopathicUnit(strength)) return { kind: 'left_out', reason: 'homeopathic' };
    let row: ProductValueSetRow;
    if (therapyDays) {
      therapyStrengths.push({ ingredient, strength });
      const coverDays = parenteralRoute.test(route) ? therapyDays.parenteral : therapyDays.other;
      row = withStrength({ valueSet: 'osteoporosis_therapy', ingredient, coverDays }, milligramsPerDoseUnit(strength), 'mg');
    } else if (isCalcium) {
      if (!isOral) {
        calciumNotOral = true;
        continue;
      }
      row = withStrength({ valueSet: 'calcium_supplement', ingredient, coverDays: null }, milligramsPerDoseUnit(strength), 'mg');
    } else {
      row = withStrength({ valueSet: 'vitamin_d_supplement', ingredient, coverDays: null }, vitaminDUnitsPerDoseUnit(strength), 'IU');
    }
    byValueSet.set(row.valueSet, [...(byValueSet.get(row.valueSet) ?? []), row]);
  }
  const rows = [...byValueSet.values()].map(mergeRows);
  if (rows.length === 0) return { kind: 'left_out', reason: calciumNotOral ? 'calcium_not_oral' : 'other_ingredients' };
  return { kind: 'included', rows, therapyStrengths };
}

const knownByTherapy = new WeakMap<ReadonlyMap<string, IngredientCoverDays>, ReadonlySet<string>>();

/** Every ingredient the import knows by name; built once per therapy map (the directory has 100,000+ products). */
function knownIngredients(therapy: ReadonlyMap<string, IngredientCoverDays>): ReadonlySet<string> {
  let known = knownByTherapy.get(therapy);
  if (!known) {
    known = new Set([...therapy.keys(), ...calciumSupplementIngredients, ...vitaminDSupplementIngredients, ...activeVitaminDIngredients]);
    knownByTherapy.set(therapy, known);
  }
  return known;
}

function splitList(text: string): string[] {
  return text.trim() === '' ? [] : text.split(';').map((part) => part.trim());
}

function withStrength(
  row: Omit<ProductValueSetRow, 'strength' | 'strengthUnit'>,
  strength: number | null,
  unit: 'mg' | 'IU',
): ProductValueSetRow {
  return { ...row, strength, strengthUnit: strength === null ? '' : unit };
}

/** One value set, several of its ingredients in one product: one row naming them all, dose unknown. */
function mergeRows(rows: ProductValueSetRow[]): ProductValueSetRow {
  if (rows.length === 1) return rows[0]!;
  const ingredients = [...new Set(rows.map((row) => row.ingredient))].sort();
  const coverDays = rows.some((row) => row.coverDays !== null) ? Math.max(...rows.map((row) => row.coverDays ?? 0)) : null;
  if (ingredients.length === 1) {
    // The same ingredient listed twice (two salts of one moiety): the amounts add up when both convert.
    const total = rows.every((row) => row.strength !== null) ? Math.round(rows.reduce((sum, row) => sum + row.strength!, 0) * 1e6) / 1e6 : null;
    return { ...rows[0]!, coverDays, strength: total, strengthUnit: total === null ? '' : rows[0]!.strengthUnit };
  }
  return { valueSet: rows[0]!.valueSet, ingredient: ingredients.join('; '), coverDays, strength: null, strengthUnit: '' };
}
