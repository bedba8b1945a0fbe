// `caregap valuesets import-fda-ndc` as a user runs it: exit codes, what it prints, what it refuses to replace.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'fda-ndc');
const temp = makeTempDir();
afterAll(() => temp.cleanup());
const importInto = (out: string, ...extra: string[]) =>
  runCli(['valuesets', 'import-fda-ndc', '--fda-dir', fixture, '--out', out, '--release-date', '2026-11-20', ...extra]);

describe('caregap valuesets import-fda-ndc', () => {
  test('writes_the_file_and_says_what_it_wrote_left_out_and_could_not_read', () => {
    const out = join(temp.dir, 'ndc', 'fda-ndc.csv');
    const result = importInto(out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('wrote 21 rows');
    expect(result.stdout).toContain('osteoporosis_therapy 12, calcium_supplement 3, vitamin_d_supplement 6');
    expect(result.stdout).toContain('oncology_strength 3');
    expect(result.stdout).toMatch(/4 rows could not be read/);
    expect(result.stdout).toMatch(/package\.txt:4 column NDCPACKAGECODE: "99999-10-1445"/);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('value_set,code_system,code,display,ingredient,cover_days,strength,strength_unit,source,verified');
    expect(text).toContain('FDA NDC Directory 2026-11-20,imported');
    expect(readdirSync(join(temp.dir, 'ndc'))).toEqual(['fda-ndc.csv']); // no temporary file left
  });

  test('is_deterministic_and_replaces_an_earlier_import', () => {
    const out = join(temp.dir, 'again.csv');
    expect(importInto(out).code).toBe(0);
    const first = readFileSync(out, 'utf8');
    expect(importInto(out).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(first);
  });

  test('refuses_to_replace_a_file_it_did_not_write', () => {
    const out = join(temp.dir, 'mine.csv');
    writeFileSync(out, 'value_set,code_system,code\nosteoporosis_therapy,NDC,99999000001\n');
    const result = importInto(out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/mine\.csv: refusing to replace/);
    expect(readFileSync(out, 'utf8')).toContain('99999000001');
  });

  test('bad_options_and_missing_files_or_columns_exit_2_naming_them', () => {
    const bad = importInto(join(temp.dir, 'x.csv'), '--release-date', '2026-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--release-date: is not a calendar date/);
    expect(importInto(join(temp.dir, 'x.txt')).stderr).toMatch(/must be a \.csv file/);
    const missingOut = runCli(['valuesets', 'import-fda-ndc', '--fda-dir', fixture]);
    expect(missingOut.code).toBe(2);
    expect(missingOut.stderr).toMatch(/--out: is required/);

    const noPackage = join(temp.dir, 'no-package');
    writeFiles(noPackage, { 'product.txt': readFileSync(join(fixture, 'product.txt')) });
    const missing = runCli(['valuesets', 'import-fda-ndc', '--fda-dir', noPackage, '--out', join(temp.dir, 'y.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/package\.txt: file not found/);

    const commas = join(temp.dir, 'commas');
    writeFiles(commas, {
      'product.txt': 'PRODUCTID,PRODUCTNDC,PRODUCTTYPENAME\n',
      'package.txt': readFileSync(join(fixture, 'package.txt')),
    });
    const layout = runCli(['valuesets', 'import-fda-ndc', '--fda-dir', commas, '--out', join(temp.dir, 'z.csv')]);
    expect(layout.code).toBe(2);
    expect(layout.stderr).toMatch(/product\.txt:1: header lacks column\(s\) PRODUCTID, .*tab-delimited/);
    expect(existsSync(join(temp.dir, 'z.csv'))).toBe(false);
  });
});
