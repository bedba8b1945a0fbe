// The committed claims sample (invented NDCs of labeler 99999) run without its value-set folder must say
// that its drug codes cannot be matched, everywhere a reader looks; run with it, it must not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli, type CliResult } from '../helpers/runCli.js';
import { makeTempDir } from '../helpers/tempDir.js';

const sample = join(import.meta.dirname, '..', '..', 'sample-data', 'claims');
const temp = makeTempDir();
afterAll(() => temp.cleanup());

interface Manifest {
  warnings: { code: string; message: string }[];
  data_quality: { drug_codes: { pharmacy_rows: number; ndc_rows: number; matched_rows: number; supplied_ndc_codes: number; value_sets: Record<string, { rows: number; distinct_codes: number }> } };
}
const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');

describe('claims sample without its value sets', () => {
  const out = join(temp.dir, 'without');
  let result: CliResult;
  beforeAll(() => {
    result = runCli(['run', '--input', sample, '--out', out]);
  });

  test('manifest_counts_the_pharmacy_rows_and_warns_that_ndcs_are_missing', () => {
    expect(result.code, result.stderr).toBe(0);
    const manifest = manifestOf(out);
    expect(manifest.data_quality.drug_codes).toMatchObject({ ndc_rows: manifest.data_quality.drug_codes.pharmacy_rows, matched_rows: 0, supplied_ndc_codes: 0 });
    expect(manifest.data_quality.drug_codes.pharmacy_rows).toBeGreaterThan(0);
    expect(manifest.data_quality.drug_codes.value_sets.osteoporosis_therapy).toEqual({ rows: 0, distinct_codes: 0 });
    expect(manifest.warnings.map((warning) => warning.code)).toEqual(['ndc_value_sets_missing']);
    expect(manifest.warnings[0]!.message).toMatch(/NDCs.*caregap valuesets import-fda-ndc/);
  });

  test('stderr_carries_the_warning_on_one_line_before_the_summary_line_that_counts_it', () => {
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^caregap: warning: \d+ of \d+ pharmacy rows carry NDCs/);
    expect(lines[1]).toMatch(/^caregap: \d+ episodes, .*\b[1-9]\d* warnings? \(see manifest.json\)/);
  });

  test('summary_and_report_print_it_next_to_rules_a_and_b_only', () => {
    const message = manifestOf(out).warnings[0]!.message;
    const summary = read(out, 'summary.md');
    const sectionOf = (rule: string): string => summary.split(/\n## /).find((section) => section.includes(`(\`${rule}\`)\n`))!;
    expect(sectionOf('untreated-12m')).toContain(message);
    expect(sectionOf('calcium-vitamin-d')).toContain(message);
    expect(sectionOf('early-augmentation')).not.toContain(message);
    const html = read(out, 'report.html');
    const htmlSection = (rule: string): string => html.split('<section').find((section) => section.includes(`id="rule-${rule}"`))!;
    expect(htmlSection('untreated-12m')).toContain('caregap valuesets import-fda-ndc');
    expect(htmlSection('calcium-vitamin-d')).toContain('caregap valuesets import-fda-ndc');
    expect(htmlSection('early-augmentation')).not.toContain('caregap valuesets import-fda-ndc');
  });
});

describe('claims sample with its value sets', () => {
  test('matches_its_ndcs_and_does_not_warn', () => {
    const out = join(temp.dir, 'with');
    const result = runCli(['run', '--input', sample, '--valuesets', join(sample, 'valuesets'), '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    // Only the closing summary line: no warning.
    expect(result.stderr).not.toContain('warning:');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const manifest = manifestOf(out);
    expect(manifest.warnings).toEqual([]);
    expect(manifest.data_quality.drug_codes.supplied_ndc_codes).toBe(11);
    for (const valueSet of ['osteoporosis_therapy', 'calcium_supplement', 'vitamin_d_supplement']) {
      expect(manifest.data_quality.drug_codes.value_sets[valueSet]!.rows, valueSet).toBeGreaterThan(0);
    }
    expect(read(out, 'summary.md')).not.toContain('import-fda-ndc');
  });
});

describe('claims sample with an imported NDC list that does not fit its codes', () => {
  test('run_accepts_the_imported_file_as_is_and_warns_that_nothing_matched_quietly_off_stderr', () => {
    const ndcDir = join(temp.dir, 'ndc');
    const fixture = join(import.meta.dirname, '..', 'fixtures', 'fda-ndc');
    const imported = runCli(['valuesets', 'import-fda-ndc', '--fda-dir', fixture, '--out', join(ndcDir, 'fda-ndc.csv'), '--release-date', '2026-11-20']);
    expect(imported.code, imported.stderr).toBe(0);
    const out = join(temp.dir, 'imported');
    const result = runCli(['run', '--input', sample, '--valuesets', ndcDir, '--out', out, '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const manifest = manifestOf(out);
    // The fixture's 21 rows hold 18 distinct NDCs (3 are in two value sets); none is a code of the sample.
    expect(manifest.data_quality.drug_codes).toMatchObject({ matched_rows: 0, supplied_ndc_codes: 21 });
    expect(manifest.warnings.map((warning) => warning.code)).toEqual(['drug_codes_unmatched']);
    expect(read(out, 'summary.md')).toContain(manifest.warnings[0]!.message);
  });
});
