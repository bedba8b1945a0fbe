// When drug codes cannot be trusted (docs/fda-ndc-import.md): which warning, from which counts.
import { describe, expect, test } from 'vitest';
import { drugCodeWarnings } from '../../pipeline/dataQuality/drugCodeWarnings.js';
import type { DrugCodeCounts } from '../../pipeline/dataQuality/drugCodes.js';
import { Progress } from '../../pipeline/progress.js';

const none = { rows: 0, distinct_codes: 0 };
const counts = (overrides: Partial<DrugCodeCounts>): DrugCodeCounts => ({
  pharmacy_rows: 1000,
  distinct_codes: 40,
  ndc_rows: 1000,
  matched_rows: 0,
  value_sets: { osteoporosis_therapy: none, calcium_supplement: none, vitamin_d_supplement: none },
  supplied_ndc_codes: 0,
  ...overrides,
});
const codesOf = (input: Partial<DrugCodeCounts>): string[] => drugCodeWarnings(counts(input)).map((warning) => warning.code);

describe('drugCodeWarnings', () => {
  test('no_pharmacy_rows_no_warning', () => expect(codesOf({ pharmacy_rows: 0, ndc_rows: 0 })).toEqual([]));

  test('ndc_rows_without_any_supplied_ndc_list_warn_even_when_the_shipped_example_matches_a_few', () => {
    expect(codesOf({ matched_rows: 0 })).toEqual(['ndc_value_sets_missing']);
    expect(codesOf({ matched_rows: 3, value_sets: { osteoporosis_therapy: { rows: 3, distinct_codes: 1 }, calcium_supplement: none, vitamin_d_supplement: none } }))
      .toEqual(['ndc_value_sets_missing']);
  });

  test('supplied_ndc_list_that_matches_nothing_warns_unmatched', () => {
    expect(codesOf({ supplied_ndc_codes: 5000 })).toEqual(['drug_codes_unmatched']);
  });

  test('other_code_systems_matching_nothing_warn_unmatched', () => {
    expect(codesOf({ ndc_rows: 0 })).toEqual(['drug_codes_unmatched']);
  });

  test('matched_drug_codes_with_a_supplied_list_do_not_warn', () => {
    expect(codesOf({ supplied_ndc_codes: 5000, matched_rows: 120 })).toEqual([]);
    expect(codesOf({ ndc_rows: 0, matched_rows: 120 })).toEqual([]);
  });

  test('the_message_names_ndcs_the_import_command_and_the_rules_and_carries_counts_only', () => {
    const [warning] = drugCodeWarnings(counts({ pharmacy_rows: 12877, ndc_rows: 12877 }));
    expect(warning!.message).toMatch(/12877 of 12877 pharmacy rows carry NDCs/);
    expect(warning!.message).toContain('caregap valuesets import-fda-ndc --fda-dir DIR --out FILE.csv');
    expect(warning!.message).toMatch(/untreated-12m and calcium-vitamin-d/);
    expect(warning!.message).not.toContain('\n');
  });
});

describe('Progress.warn', () => {
  test('prints_one_line_even_off_a_terminal_and_nothing_when_quiet', () => {
    for (const [quiet, logFormat, expected] of [
      [false, 'text', ['caregap: warning: check the codes']],
      [false, 'json', ['{"warning":"drug_codes_unmatched","message":"check the codes"}']],
      [true, 'text', []],
    ] as const) {
      const lines: string[] = [];
      new Progress({ quiet, logFormat, isTty: false, write: (line) => lines.push(line) }).warn('drug_codes_unmatched', 'check the codes');
      expect(lines).toEqual(expected);
    }
  });
});
