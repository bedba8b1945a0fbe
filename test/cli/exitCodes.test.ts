import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

const goodEvents = 'person_id,event_date,code_system,code\np1,2021-01-05,ICD10CM,M80.08XA\n';

describe('caregap CLI exit codes', () => {
  it('prints its version and help with exit code 0', () => {
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = runCli(['run', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--memory-limit');
  });

  it('exits 2 on an unknown option and on an invalid setting', () => {
    expect(runCli(['run', '--no-such-option']).code).toBe(2);
    const bad = runCli(['run', '--input', temp.dir, '--as-of', '2021-13-45x', '--out', join(temp.dir, 'out-bad')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('caregap: --as-of: expected a real date YYYY-MM-DD, got "2021-13-45x"\n');
  });

  it('exits 2 with one line naming file and column when a required column is missing', () => {
    const input = join(temp.dir, 'missing-column');
    writeFiles(input, { 'events.csv': 'person_id,event_date,code\np1,2021-01-05,M81.0\n' });
    const result = runCli(['run', '--input', input, '--out', join(temp.dir, 'out-missing')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/events\.csv: missing required column code_system/);
    expect(existsSync(join(temp.dir, 'out-missing'))).toBe(false);
  });

  it('exits 2 when the input folder does not exist, leaving nothing beside --out', () => {
    const parent = join(temp.dir, 'no-input');
    mkdirSync(parent);
    const result = runCli(['run', '--input', join(temp.dir, 'does-not-exist'), '--out', join(parent, 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/input folder not found or not readable/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('exits 2 when the input folder holds no recognisable files', () => {
    const input = join(temp.dir, 'empty-folder');
    mkdirSync(input);
    const result = runCli(['run', '--input', input, '--out', join(temp.dir, 'out-empty-folder')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/pass --format/);
  });

  it('--strict fails at the first reject with exit 1 and leaves --out untouched', () => {
    const input = join(temp.dir, 'strict');
    writeFiles(input, { 'events.csv': `${goodEvents}p2,2021-02-30,ICD10CM,M81.0\n` });
    const out = join(temp.dir, 'out-strict');
    expect(runCli(['run', '--input', input, '--out', out, '--quiet']).code).toBe(0); // an earlier run, replaceable
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    const result = runCli(['run', '--input', input, '--out', out, '--strict', '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/events\.csv line 3, column event_date: impossible date/);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
  });

  it('reads settings from a JSON config file, the command line winning', () => {
    const input = join(temp.dir, 'config');
    writeFiles(input, { 'events.csv': goodEvents });
    const config = join(temp.dir, 'config.json');
    writeFileSync(config, JSON.stringify({ input, minCell: -4 }));
    const result = runCli(['run', '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/minCell/);
  });
});

describe('--arrow', () => {
  it('writes patient_gaps.arrow only when asked, from the command line or a config file; --no-arrow overrides the file', () => {
    const input = join(temp.dir, 'arrow-on');
    writeFiles(input, { 'events.csv': goodEvents });
    const byDefault = join(temp.dir, 'out-arrow-default');
    expect(runCli(['run', '--input', input, '--out', byDefault, '--quiet']).code).toBe(0);
    expect(existsSync(join(byDefault, 'patient_gaps.arrow'))).toBe(false);
    const fromCli = join(temp.dir, 'out-arrow');
    expect(runCli(['run', '--input', input, '--out', fromCli, '--arrow', '--quiet']).code).toBe(0);
    expect(readFileSync(join(fromCli, 'patient_gaps.arrow')).subarray(0, 6).toString()).toBe('ARROW1');
    const config = join(temp.dir, 'arrow.json');
    const fromFile = join(temp.dir, 'out-arrow-config');
    writeFileSync(config, JSON.stringify({ input, out: fromFile, arrow: true, quiet: true }));
    expect(runCli(['run', '--config', config]).code).toBe(0);
    expect(existsSync(join(fromFile, 'patient_gaps.arrow'))).toBe(true);
    const overridden = join(temp.dir, 'out-arrow-overridden');
    expect(runCli(['run', '--config', config, '--out', overridden, '--no-arrow']).code).toBe(0);
    expect(existsSync(join(overridden, 'patient_gaps.arrow'))).toBe(false);
  });
});

describe('--no-arrow', () => {
  it('skips patient_gaps.arrow from the command line or from a config file', () => {
    const input = join(temp.dir, 'arrow');
    writeFiles(input, { 'events.csv': goodEvents });
    const fromCli = join(temp.dir, 'out-no-arrow');
    expect(runCli(['run', '--input', input, '--out', fromCli, '--no-arrow', '--quiet']).code).toBe(0);
    expect(existsSync(join(fromCli, 'patient_gaps.arrow'))).toBe(false);
    expect(existsSync(join(fromCli, 'patient_gaps.parquet'))).toBe(true);
    const config = join(temp.dir, 'no-arrow.json');
    const fromFile = join(temp.dir, 'out-no-arrow-config');
    writeFileSync(config, JSON.stringify({ input, out: fromFile, arrow: false, quiet: true }));
    expect(runCli(['run', '--config', config]).code).toBe(0);
    expect(existsSync(join(fromFile, 'patient_gaps.arrow'))).toBe(false);
  });
});
