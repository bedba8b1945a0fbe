import type { Strength } from './parseStrength.js';

/**
 * Oncology products of the therapy ingredients (docs/rules.md §4, docs/codes.md): denosumab
 * 120 mg (Xgeva and its biosimilars) and zoledronic acid 4 mg (Zometa) treat bone metastases,
 * not osteoporosis (denosumab 60 mg, zoledronic acid 5 mg).
 */
const oncologyDoseMg: Record<string, number> = { denosumab: 120, 'zoledronic acid': 4 };

/**
 * Whether a package holds an oncology dose. The dose in one container is the stated amount when
 * FDA's unit names the container volume ("120 mg/1.7mL", "4 mg/5mL", "4 mg/100mL") or a unit of
 * use ("mg/1"); for a per-mL concentration ("0.8 mg/mL") it is the concentration times the volume
 * the package description gives ("5 mL in 1 VIAL"). A dose that cannot be worked out is not
 * judged oncology. Only milligram strengths are compared.
 */
export function isOncologyPackage(ingredient: string, strength: Strength, packageDescription: string): boolean {
  const oncologyDose = oncologyDoseMg[ingredient];
  if (oncologyDose === undefined || strength.unit !== 'mg') return false;
  let dose: number | null = null;
  if (strength.per !== 1 || strength.perUnit === '1') dose = strength.amount;
  else if (strength.perUnit === 'ml') {
    const volume = /(\d*\.?\d+)\s*mL in 1\b/i.exec(packageDescription);
    if (volume) dose = strength.amount * Number(volume[1]);
  }
  return dose !== null && Math.abs(dose - oncologyDose) < 1e-6;
}
