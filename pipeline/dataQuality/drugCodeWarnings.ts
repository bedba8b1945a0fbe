import type { DrugCodeCounts } from './drugCodes.js';
import type { RunWarning } from './runWarning.js';

/** The rules whose verdicts stand or fall with drug codes (docs/rules.md §4, §5); their reports carry the warning. */
export const drugCodeRules = ['untreated-12m', 'calcium-vitamin-d'] as const;

const howToImport =
  'import them from the FDA NDC Directory with `caregap valuesets import-fda-ndc --fda-dir DIR --out FILE.csv` ' +
  'and run with `--valuesets` naming the folder of FILE.csv (README: Real pharmacy claims)';

/**
 * Warnings about drug codes that cannot be trusted, from countDrugCodes. At most one:
 * - `ndc_value_sets_missing`: pharmacy rows are NDC-coded but no --valuesets file adds NDCs to the
 *   drug value sets. caregap ships a single example NDC, so almost every fill is missed and rules A
 *   and B report false gaps; the clearest sign, even when that one NDC matches a few rows.
 * - `drug_codes_unmatched`: pharmacy rows exist and none matches any drug value set (other code
 *   systems, or NDC lists that do not fit the data).
 * Limits: a real extract whose value sets cover only part of its NDCs is not detected; the counts
 * in data_quality.drug_codes show it.
 */
export function drugCodeWarnings(counts: DrugCodeCounts): RunWarning[] {
  if (counts.pharmacy_rows === 0) return [];
  if (counts.ndc_rows > 0 && counts.supplied_ndc_codes === 0) {
    return [{
      code: 'ndc_value_sets_missing',
      message:
        `${counts.ndc_rows} of ${counts.pharmacy_rows} pharmacy rows carry NDCs, but no --valuesets file lists NDCs for ` +
        `osteoporosis_therapy, calcium_supplement or vitamin_d_supplement (caregap ships no NDC list), so ` +
        `${counts.matched_rows} rows matched: untreated-12m and calcium-vitamin-d will report false gaps; ${howToImport}.`,
    }];
  }
  if (counts.matched_rows === 0) {
    return [{
      code: 'drug_codes_unmatched',
      message:
        `None of the ${counts.pharmacy_rows} pharmacy rows (${counts.distinct_codes} distinct codes) matches osteoporosis_therapy, ` +
        `calcium_supplement or vitamin_d_supplement: untreated-12m and calcium-vitamin-d will report false gaps. ` +
        `If the codes are NDCs, ${howToImport}; other codes need their own --valuesets rows.`,
    }];
  }
  return [];
}
