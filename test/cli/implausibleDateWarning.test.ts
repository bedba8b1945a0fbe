import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

// A date-shifted extract loses its future-dated rows (docs/canonical-tables.md, "Implausible
// dates"); the run must say so in manifest.json and on stderr, with counts only.
const temp = makeTempDir();
afterAll(() => temp.cleanup());

describe('rows rejected for dates after the latest plausible date', () => {
  it('warn in manifest.json and on stderr, naming --as-of and no patient data', () => {
    const input = join(temp.dir, 'input');
    writeFiles(input, {
      'patients.csv': 'person_id,birth_date,sex\npid-secret-1,1950-01-01,F\n',
      'events.csv': [
        'person_id,event_date,code_system,code',
        'pid-secret-1,2021-03-01,ICD10CM,M81.0',
        'pid-secret-1,2150-01-01,ICD10CM,M81.0',
        'pid-secret-1,2150-02-01,ICD10CM,M81.0',
        '',
      ].join('\n'),
    });
    const out = join(temp.dir, 'out');
    const result = runCli(['run', '--input', input, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { warnings: Array<{ code: string; message: string }> };
    const warning = manifest.warnings.find((candidate) => candidate.code === 'implausible_future_dates');
    expect(warning?.message).toMatch(/^2 input rows in 1 file\(s\) were rejected for dates after \d{4}-\d{2}-\d{2} .*--as-of/);
    expect(result.stderr).toContain(`caregap: warning: ${warning!.message}`);
    expect(result.stderr).not.toContain('pid-secret-1');
    expect(result.stderr).not.toContain('2150-');
  });

  it('do not warn when --as-of reaches them', () => {
    const input = join(temp.dir, 'input');
    const out = join(temp.dir, 'out-as-of');
    const result = runCli(['run', '--input', input, '--as-of', '2150-12-31', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { warnings: Array<{ code: string }> };
    expect(manifest.warnings.map((warning) => warning.code)).not.toContain('implausible_future_dates');
  });
});
