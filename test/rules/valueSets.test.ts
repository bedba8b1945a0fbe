// Value sets (docs/rules.md §1): loading, normalisation, override by extra folders, hash, errors.
import { describe, expect, test } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { loadValueSets } from '../../pipeline/rules/loadValueSets.js';
import { AS_OF_LATE, INDEX, day, elder, fracture, gapOf, outcome, runFixture, testValueSetDir } from './fixture.js';

async function withValueSets<T>(dirs: string[], read: (db: Db) => Promise<T>): Promise<T> {
  const db = await Db.open({ threads: 1 });
  try {
    await loadValueSets(db, dirs);
    return await read(db);
  } finally {
    db.close();
  }
}

async function loadError(dir: string): Promise<string> {
  const db = await Db.open({ threads: 1 });
  try {
    await loadValueSets(db, [testValueSetDir(dir)]);
    return 'no error';
  } catch (error) {
    return (error as Error).message;
  } finally {
    db.close();
  }
}

describe('loading', () => {
  test('shipped_value_sets_have_the_same_hash_on_every_load', async () => {
    const first = await withValueSets([], async (db) => loadValueSets(db, []));
    const second = await withValueSets([], async (db) => loadValueSets(db, []));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second.hash).toBe(first.hash);
    expect(first.version).not.toContain('+custom');
  });

  test('every_shipped_value_set_has_a_catalog_domain_and_provenance', async () => {
    const rows = await withValueSets([], (db) =>
      db.all(`select value_set, code from value_set_code
              where value_set not in (select value_set from value_set_catalog)
                 or source is null or verified not in ('checked', 'unverified')`),
    );
    expect(rows).toEqual([]);
  });

  test('shipped_ndc_rows_are_only_the_checked_example', async () => {
    const rows = await withValueSets([], (db) => db.all(`select code from value_set_code where code_system = 'NDC'`));
    expect(rows).toEqual([{ code: '00093517144' }]);
  });

  test('vertebral_augmentation_rows_carry_a_procedure_type', async () => {
    const rows = await withValueSets([], (db) =>
      db.all(`select procedure_type, count(*)::integer as n from value_set_code
              where value_set = 'vertebral_augmentation' group by all order by 1`),
    );
    expect(rows).toEqual([
      { procedure_type: 'kyphoplasty', n: 7 },
      { procedure_type: 'unspecified', n: 6 },
      { procedure_type: 'vertebroplasty', n: 7 },
    ]);
  });

  test('codes_with_dots_lower_case_and_spaces_are_normalised', async () => {
    const rows = await withValueSets([testValueSetDir('dotted')], (db) =>
      db.all(`select code, is_pattern from value_set_code where source = 'test fixture' order by code`),
    );
    expect(rows).toEqual([
      { code: 'M05BX99', is_pattern: false },
      { code: 'M800AX_', is_pattern: true },
    ]);
  });

  test('caregap_codes_with_underscores_are_exact_not_patterns', async () => {
    const rows = await withValueSets([], (db) => db.all(`select distinct is_pattern from value_set_code where code_system = 'CAREGAP'`));
    expect(rows).toEqual([{ is_pattern: false }]);
  });
});

describe('override and hash', () => {
  test('zoledronic_acid_300_days_before_is_closed_with_shipped_value_sets', async () => {
    const { gaps } = await runFixture({
      persons: [elder('p1')],
      events: [fracture('p1'), { person_id: 'p1', event_date: day(INDEX, -300), code_system: 'HCPCS', code: 'J3489' }],
      params: { asOf: AS_OF_LATE },
    });
    expect(outcome(gaps, 'untreated-12m')).toBe('closed:therapy_active_at_fracture');
  });

  test('extra_folder_overriding_J3489_cover_to_30_days_makes_it_open_and_changes_the_hash', async () => {
    // Override: J3489 covers 30 days -> [-300, -271] misses the index -> open.
    const shipped = await withValueSets([], (db) => loadValueSets(db, []));
    const { gaps, result } = await runFixture({
      persons: [elder('p1')],
      events: [fracture('p1'), { person_id: 'p1', event_date: day(INDEX, -300), code_system: 'HCPCS', code: 'J3489' }],
      params: { asOf: AS_OF_LATE },
      valueSetDirs: [testValueSetDir('zoledronic-30')],
    });
    expect(outcome(gaps, 'untreated-12m')).toBe('open:no_therapy');
    expect(result.valueSetHash).not.toBe(shipped.hash);
    expect(result.valueSetVersion).toBe(`${shipped.version}+custom`);
  });

  test('override_keeps_one_row_per_key_with_the_later_values', async () => {
    const rows = await withValueSets([testValueSetDir('zoledronic-30')], (db) =>
      db.all(`select cover_days, verified from value_set_code where code_system = 'HCPCS' and code = 'J3489'`),
    );
    expect(rows).toEqual([{ cover_days: 30, verified: 'unverified' }]);
  });

  test('dotted_value_set_codes_match_normalised_event_codes', async () => {
    // Value-set rows " m05.bx.99 " (therapy) and "m80.0a.x_" (fracture pattern) from an extra folder.
    const { gaps } = await runFixture({
      persons: [elder('p1')],
      events: [
        fracture('p1', INDEX, 'M800AXA'),
        { person_id: 'p1', event_date: day(INDEX, 10), code_system: 'ATC', code: 'M05BX99' },
      ],
      params: { asOf: AS_OF_LATE },
      valueSetDirs: [testValueSetDir('dotted')],
    });
    expect(gapOf(gaps, 'untreated-12m')).toMatchObject({ status: 'closed', evidence_code: 'M05BX99' });
  });
});

describe('errors', () => {
  test('unknown_code_system_names_file_and_line', async () => {
    expect(await loadError('bad-code-system')).toMatch(/bad-code-system\/extra\.csv:3: unknown code_system "ICD11"/);
  });

  test('header_without_code_column_names_file_and_line_1', async () => {
    expect(await loadError('bad-header')).toMatch(/bad-header\/extra\.csv:1: header lacks column\(s\) code/);
  });

  test('non_numeric_cover_days_names_file_and_line', async () => {
    expect(await loadError('bad-number')).toMatch(/bad-number\/extra\.csv:2: cover_days "a year" is not a whole number/);
  });

  test('a_row_after_a_quoted_line_break_is_named_by_its_physical_line', async () => {
    // Line 2 holds a display with a line break inside quotes, so the bad row starts on line 4.
    expect(await loadError('bad-after-line-break')).toMatch(/bad-after-line-break\/extra\.csv:4: unknown code_system "ICD11"/);
  });

  test('fractional_cover_days_is_not_a_whole_number', async () => {
    expect(await loadError('fractional-cover-days')).toMatch(/fractional-cover-days\/extra\.csv:2: cover_days "30\.5" is not a whole number/);
  });

  test('missing_folder_is_an_error', async () => {
    expect(await loadError('no-such-folder')).toMatch(/folder not found/);
  });
});
