/**
 * One active ingredient's strength as FDA writes it: ACTIVE_NUMERATOR_STRENGTH "2.5" with
 * ACTIVE_INGRED_UNIT "mg/.5mL" is 2.5 mg per 0.5 mL.
 */
export interface Strength {
  amount: number;
  /** The numerator unit, lower case without brackets: mg, ug, g, iu, meq, hp_x, ... */
  unit: string;
  /** How much of the dose unit the amount is in: 1 for "mg/1" and "mg/mL", 1.7 for "mg/1.7mL". */
  per: number;
  /** The dose unit: "1" (a tablet, capsule, actuation...), "ml", "g" or another FDA unit. */
  perUnit: string;
}

/**
 * Parses FDA's strength and unit of one ingredient. Returns a reason instead when the amount is
 * not a number or the unit is not `numerator/denominator` ("mg/1", "[iU]/1", "mg/1.5mL",
 * "mg/.5mL", "ug/mL", "[iU]/{actuat}"). Litres become millilitres so liquids are always per mL.
 */
export function parseStrength(amountText: string, unitText: string): Strength | { problem: string } {
  const amountClean = amountText.trim();
  if (!/^(\d+\.?\d*|\.\d+)$/.test(amountClean)) return { problem: `strength "${amountText}" is not a number` };
  // UCUM as FDA writes it: "[iU]" and "[USP'U]" in brackets, "{actuat}" and the like in braces.
  const unitMatch = /^\s*\[?([A-Za-z_']+)\]?\s*\/\s*(\d*\.?\d*)\s*\{?([A-Za-z]*)\}?\s*$/.exec(unitText);
  if (!unitMatch) return { problem: `unit "${unitText}" is not of the form amount/dose (such as mg/1 or mg/mL)` };
  const [, numerator, perText, perUnitText] = unitMatch as unknown as [string, string, string, string];
  let per = perText === '' ? 1 : Number(perText);
  let perUnit = perUnitText === '' ? '1' : perUnitText.toLowerCase();
  if (!(per > 0)) return { problem: `unit "${unitText}" has no dose quantity` };
  if (perUnit === 'l') {
    per *= 1000;
    perUnit = 'ml';
  }
  return { amount: Number(amountClean), unit: numerator.toLowerCase(), per, perUnit };
}

const milligramsPer: Record<string, number> = { g: 1000, mg: 1, ug: 0.001, mcg: 0.001, ng: 0.000001 };

/** Milligrams per dose unit (per tablet, per mL), or null when the unit is not a mass. */
export function milligramsPerDoseUnit(strength: Strength): number | null {
  const milligrams = exactMilligrams(strength);
  return milligrams === null ? null : roundStrength(milligrams);
}

function exactMilligrams(strength: Strength): number | null {
  const factor = milligramsPer[strength.unit];
  return factor === undefined ? null : (strength.amount * factor) / strength.per;
}

/**
 * Vitamin D in international units per dose unit: IU (and USP units, equal for vitamin D) as
 * given; a mass at 40 IU per microgram (1 mg = 40,000 IU; ergocalciferol 1.25 mg = 50,000 IU).
 * Null for any other unit.
 */
export function vitaminDUnitsPerDoseUnit(strength: Strength): number | null {
  if (strength.unit === 'iu' || strength.unit === "usp'u") return roundStrength(strength.amount / strength.per);
  const milligrams = exactMilligrams(strength);
  return milligrams === null ? null : roundStrength(milligrams * 40_000);
}

/** Homeopathic potency units ([hp_X], [hp_C], [hp_M], [hp_Q]): never a supplement dose. */
export function isHomeopathicUnit(strength: Strength): boolean {
  return strength.unit.startsWith('hp_');
}

/** Six decimals are far below any dose that matters and keep 0.025 mg x 40,000 at 1000. */
function roundStrength(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
