// patient_gaps.evidence_display (docs/reports.md): the display text of evidence_code from the rule's
// own value sets. Several matching rows: a row with a display first, exact before pattern, then the
// rule's value-set order (rule.json), code system, code. INDEX = 2020-03-02; as_of = 2022-06-30.
import { describe, expect, test } from 'vitest';
import { patientGapColumns } from '../../pipeline/rules/ruleResultColumns.js';
import { AS_OF_LATE, INDEX, day, elder, fracture, gapOf, runFixture, testValueSetDir, type EventInput } from './fixture.js';

const event = (offset: number, codeSystem: string, code: string, domain = 'drug'): EventInput => ({
  person_id: 'p1', event_date: day(INDEX, offset), code_system: codeSystem, code, domain,
});
const run = (events: EventInput[], valueSetDirs: string[] = []) =>
  runFixture({ persons: [elder('p1')], events: [fracture('p1'), ...events], params: { asOf: AS_OF_LATE }, valueSetDirs });

describe('evidence_display', () => {
  test('is_the_last_patient_gaps_column', () => {
    expect(patientGapColumns.at(-1)).toBe('evidence_display');
    expect(patientGapColumns.indexOf('due_date')).toBe(14);
  });

  test('denosumab_j0897_evidence_shows_the_osteoporosis_therapy_display', async () => {
    const { gaps } = await run([{ ...event(20, 'HCPCS', 'J0897', 'procedure'), units: 60 }]);
    expect(gapOf(gaps, 'untreated-12m')).toMatchObject({
      status: 'closed', evidence_code: 'J0897', evidence_display: 'Injection, denosumab, 1 mg (counts only at <= 60 units; 120 units is oncology)',
    });
  });

  test('open_and_excluded_rows_have_no_display', async () => {
    const { gaps } = await run([]);
    expect(gapOf(gaps, 'untreated-12m')).toMatchObject({ status: 'open', evidence_display: null });
    expect(gapOf(gaps, 'early-augmentation')).toMatchObject({ status: 'not_applicable', evidence_display: null });
  });

  test('a_combination_in_both_supplement_sets_takes_the_first_declared_value_set_calcium', async () => {
    // 99999000301 is in calcium_supplement and vitamin_d_supplement, both exact: rule.json lists calcium first.
    const { gaps } = await run([event(10, 'NDC', '99999000301')], [testValueSetDir('evidence-display')]);
    expect(gapOf(gaps, 'calcium-vitamin-d')).toMatchObject({
      status: 'closed', evidence_code: '99999000301', evidence_display: 'TEST calcium + vitamin D3 (calcium row)',
    });
  });

  test('an_exact_row_wins_over_a_pattern_row_of_an_earlier_value_set', async () => {
    // ATC A12AX01 matches calcium_supplement A12AX% (pattern, declared first) and the exact vitamin D row.
    const { gaps } = await run([event(10, 'ATC', 'A12AX01')], [testValueSetDir('evidence-display')]);
    expect(gapOf(gaps, 'calcium-vitamin-d')).toMatchObject({
      status: 'closed', evidence_code: 'A12AX01', evidence_display: 'TEST exact vitamin D row for A12AX01',
    });
  });

  test('a_row_with_a_display_wins_over_an_earlier_row_without_one', async () => {
    const { gaps } = await run([event(10, 'NDC', '99999000501')], [testValueSetDir('evidence-display')]);
    expect(gapOf(gaps, 'calcium-vitamin-d')).toMatchObject({ status: 'closed', evidence_display: 'TEST the only row with a display' });
  });
});
