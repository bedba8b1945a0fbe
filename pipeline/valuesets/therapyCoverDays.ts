import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../projectRoot.js';
import { parseCsv } from './csvText.js';

/** An osteoporosis therapy ingredient's default cover days, for parenteral and for other products. */
export interface IngredientCoverDays {
  /** From the HCPCS rows (drugs given by a clinician): IV ibandronate 90, denosumab 183. */
  parenteral: number;
  /** From the other rows (RxNorm, ATC, NDC): oral ibandronate 30. */
  other: number;
}

/** The shipped therapy value set the defaults come from. */
export function shippedTherapyFile(): string {
  return join(projectRoot(), 'rules', 'valuesets', 'osteoporosis_therapy.csv');
}

/**
 * Reads each ingredient's default cover days from the shipped osteoporosis_therapy value set
 * (docs/rules.md §4: denosumab 183, zoledronic acid 365, IV ibandronate 90, others 30), so an
 * import follows the value set rather than a second copy of the numbers. An ingredient's rows
 * can disagree (ibandronate: HCPCS J1740 90 days, oral RxNorm/ATC 30 days): parenteral products
 * take the HCPCS rows' value, the others the remaining rows'; the most frequent value wins, then
 * the larger; an ingredient with rows of one kind only uses them for both. The map's keys are the
 * known therapy ingredients. Throws when the file lacks the columns it needs.
 */
export function readTherapyCoverDays(path = shippedTherapyFile()): Map<string, IngredientCoverDays> {
  const [header = [], ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${path}:1: header lacks column ${name}`);
    return index;
  };
  const [valueSet, codeSystem, ingredient, coverDays] = ['value_set', 'code_system', 'ingredient', 'cover_days'].map(column) as [number, number, number, number];
  const seen = new Map<string, { parenteral: number[]; other: number[] }>();
  for (const row of rows) {
    const name = row[ingredient]?.trim().toLowerCase() ?? '';
    const days = Number(row[coverDays]);
    if (row[valueSet] !== 'osteoporosis_therapy' || name === '' || !Number.isInteger(days) || days <= 0) continue;
    const entry = seen.get(name) ?? { parenteral: [], other: [] };
    (row[codeSystem] === 'HCPCS' ? entry.parenteral : entry.other).push(days);
    seen.set(name, entry);
  }
  const result = new Map<string, IngredientCoverDays>();
  for (const [name, entry] of [...seen].sort(([a], [b]) => a.localeCompare(b))) {
    const parenteral = mostFrequent(entry.parenteral) ?? mostFrequent(entry.other)!;
    const other = mostFrequent(entry.other) ?? parenteral;
    result.set(name, { parenteral, other });
  }
  return result;
}

function mostFrequent(values: number[]): number | null {
  if (values.length === 0) return null;
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(([valueA, countA], [valueB, countB]) => countB - countA || valueB - valueA)[0]![0];
}
