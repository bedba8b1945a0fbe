import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { snapshotTree } from '../helpers/snapshotTree.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

// docs/contracts.md: a bad date, number, file or folder option is a usage error, decided before any
// data is loaded: exit 2, one line naming the option (or file), no stack trace, --out untouched.

const temp = makeTempDir();
afterAll(() => temp.cleanup());
const root = realpathSync(temp.dir);
const input = join(root, 'extract');
const parent = join(root, 'reports');
const out = join(parent, 'audit');
const events = 'person_id,event_date,code_system,code\np1,2021-01-05,ICD10CM,M80.08XA\n';
let outBefore: Record<string, string>;

beforeAll(() => {
  writeFiles(input, { 'events.csv': events });
  // --out holds an earlier run: replaceable, so only the bad option can stop the run.
  const first = runCli(['run', '--input', input, '--out', out, '--quiet']);
  expect(first.code, first.stderr).toBe(0);
  outBefore = snapshotTree(out);
});

/** Runs caregap with `args` and asserts exit 2, exactly `message` on stderr, and --out untouched. */
function expectUsageError(args: string[], message: string): void {
  const result = runCli(args);
  expect(result.stderr).toBe(`caregap: ${message}\n`);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(snapshotTree(out)).toEqual(outBefore);
  expect(readdirSync(parent)).toEqual(['audit']); // no spill, no temporary folder
}

const run = (...extra: string[]): string[] => ['run', '--input', input, '--out', out, ...extra];

describe('bad options exit 2 before any loading', () => {
  it('an impossible --as-of', () => {
    expectUsageError(run('--as-of', '2024-02-30'), '--as-of: expected a real date YYYY-MM-DD, got "2024-02-30"');
    expectUsageError(run('--as-of', '2024-13-45'), '--as-of: expected a real date YYYY-MM-DD, got "2024-13-45"');
  });

  it('a missing --valuesets folder', () => {
    const missing = join(root, 'no-such-valuesets');
    expectUsageError(run('--valuesets', missing), `--valuesets ${missing}: value-set folder not found or not readable`);
  });

  it('an unreadable or empty --pseudonymize-key', () => {
    const missing = join(root, 'no-such.key');
    expectUsageError(run('--pseudonymize-key', missing), `--pseudonymize-key: cannot read the key file ${missing} (ENOENT)`);
    const empty = join(root, 'empty.key');
    writeFileSync(empty, '');
    expectUsageError(run('--pseudonymize-key', empty), `--pseudonymize-key ${empty}: the key has 0 bytes; use at least 16 (e.g. openssl rand -hex 32)`);
  });

  it('an empty or fractional --min-cell (an empty value once switched suppression off)', () => {
    expectUsageError(run('--min-cell', ''), `option '--min-cell <n>' argument '' is invalid. expected a whole number, got ""`);
    expectUsageError(run('--min-cell', '2.5'), `option '--min-cell <n>' argument '2.5' is invalid. expected a whole number, got "2.5"`);
  });

  it('run without --input or --out', () => {
    expectUsageError(['run', '--out', out], '--input is required');
    expectUsageError(['run', '--input', input], '--out is required');
  });

  it('junk in every number option', () => {
    const whole: [string, string][] = [['--threads', '<n>'], ['--min-age', '<years>'], ['--episode-gap-days', '<days>'], ['--conservative-care-days', '<days>']];
    for (const [option, value] of whole) {
      expectUsageError(run(option, '12abc'), `option '${option} ${value}' argument '12abc' is invalid. expected a whole number, got "12abc"`);
    }
    for (const [option, value] of [['--calcium-min-mg', '<mg>'], ['--vitamin-d-min-iu', '<iu>']] as const) {
      expectUsageError(run(option, ''), `option '${option} ${value}' argument '' is invalid. expected a number, got ""`);
    }
    expectUsageError(run('--threads', '0'), '--threads: must be at least 1, got 0');
    expectUsageError(run('--memory-limit', 'lots'), '--memory-limit: expected a size such as 2GB, got "lots"');
  });

  it('the same values from a --config file, named as the file spells them', () => {
    const config = join(root, 'settings.json');
    writeFileSync(config, JSON.stringify({ minCell: '', asOf: '2024-02-30', threads: 2.5 }));
    expectUsageError(
      run('--config', config),
      'threads (config file): expected a whole number, got 2.5; minCell (config file): expected a number, got ""; ' +
        'asOf (config file): expected a real date YYYY-MM-DD, got "2024-02-30"',
    );
  });
});

describe('input files that cannot be read exit 2 naming the file', () => {
  /** An input folder holding a good events.csv plus `add` (run on the folder, --out untouched). */
  function withInput(name: string, add: (dir: string) => void, message: (dir: string) => string): void {
    const dir = join(root, name);
    writeFiles(dir, { 'events.csv': events });
    add(dir);
    expectUsageError(['run', '--input', dir, '--out', out], message(dir));
  }

  it('a symbolic link to nothing', () => {
    withInput('dangling', (dir) => symlinkSync(join(dir, 'gone.csv'), join(dir, 'patients.csv')), (dir) => `input file ${join(dir, 'patients.csv')} is a symbolic link to nothing`);
  });

  it('a symbolic link loop', () => {
    withInput(
      'loop',
      (dir) => {
        symlinkSync(join(dir, 'coverage.csv'), join(dir, 'patients.csv'));
        symlinkSync(join(dir, 'patients.csv'), join(dir, 'coverage.csv'));
      },
      (dir) => `input file ${join(dir, 'coverage.csv')} is a symbolic link loop`,
    );
  });

  it('a file name that is not UTF-8', () => {
    // "patients-\xe9.csv" in Latin-1: Node would read it as U+FFFD and fail to open it later.
    withInput(
      'latin1',
      (dir) => execFileSync('sh', ['-c', `printf 'person_id\\np1\\n' > "$(printf '${dir}/patients-\\351.csv')"`]),
      (dir) => `input file ${dir}/patients-\\xe9.csv: the file name is not valid UTF-8; rename it`,
    );
  });

  it('a named pipe, which would block the reader forever', () => {
    withInput('fifo', (dir) => execFileSync('mkfifo', [join(dir, 'patients.csv')]), (dir) => `input file ${join(dir, 'patients.csv')} is not a regular file`);
  });

  it.skipIf(process.getuid?.() === 0)('a file without read permission (not testable as root)', () => {
    withInput('no-permission', (dir) => {
      writeFileSync(join(dir, 'patients.csv'), 'person_id\np1\n');
      chmodSync(join(dir, 'patients.csv'), 0o000);
    }, (dir) => `input file ${join(dir, 'patients.csv')} is not readable (permission denied)`);
  });

  it('never prints a stack trace, even for an input folder that is a file', () => {
    const file = join(root, 'not-a-folder.csv');
    writeFileSync(file, events);
    expectUsageError(['run', '--input', file, '--out', out], `--input ${file}: input folder not found or not readable`);
  });
});
