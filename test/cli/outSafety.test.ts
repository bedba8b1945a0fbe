import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { snapshotTree } from '../helpers/snapshotTree.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

// docs/contracts.md "What a run may replace": --out is replaced only when it does not exist, is an
// empty folder, or holds an earlier caregap output; anything else is refused with exit 2, touching nothing.

const temp = makeTempDir();
afterAll(() => temp.cleanup());
// realpath: on some systems the temporary folder is itself behind a symbolic link.
const root = realpathSync(temp.dir);
const input = join(root, 'extract');
const events = 'person_id,event_date,code_system,code\np1,2021-01-05,ICD10CM,M80.08XA\n';

beforeAll(() => writeFiles(input, { 'events.csv': events }));

/** Runs with --out and asserts the refusal: exit 2, the exact one-line message, nothing changed beside --out. */
function expectRefused(out: string, message: string, options: { cwd?: string; env?: Record<string, string>; watch?: string } = {}): void {
  const watched = options.watch ?? join(out, '..');
  const before = snapshotTree(watched);
  const inputBefore = snapshotTree(input);
  const result = runCli(['run', '--input', input, '--out', out], options);
  expect(result.stderr).toBe(`caregap: --out ${out}: ${message}; nothing was changed\n`);
  expect(result.code).toBe(2);
  expect(snapshotTree(watched)).toEqual(before);
  expect(snapshotTree(input)).toEqual(inputBefore);
}

function runInto(out: string, cwd?: string): void {
  const result = runCli(['run', '--input', input, '--out', out, '--quiet'], { cwd });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}

describe('--out that caregap did not write is refused (exit 2, untouched)', () => {
  it('refuses an existing file', () => {
    const file = join(root, 'file-case', 'notes.txt');
    writeFiles(join(root, 'file-case'), { 'notes.txt': 'not a report' });
    expectRefused(file, 'is an existing file, not a folder caregap wrote');
  });

  it('refuses a folder of other files, also with a trailing slash', () => {
    const folder = join(root, 'other-files');
    writeFiles(folder, { 'thesis.docx': 'years of work', 'data/raw.csv': 'a,b\n1,2\n' });
    expectRefused(`${folder}/`, 'exists and does not hold an earlier caregap output; give a new or empty folder');
  });

  it('refuses a folder whose manifest.json another tool wrote', () => {
    const folder = join(root, 'other-manifest');
    writeFiles(folder, { 'manifest.json': JSON.stringify({ software: { name: 'webpack' }, input: {} }) });
    expectRefused(folder, 'exists and does not hold an earlier caregap output; give a new or empty folder');
  });

  it('refuses an earlier run folder to which a user added a file', () => {
    const folder = join(root, 'run-plus-notes');
    runInto(folder);
    writeFileSync(join(folder, 'my-notes.txt'), 'reviewed with the registry team');
    expectRefused(folder, 'exists and does not hold an earlier caregap output; give a new or empty folder');
  });

  it('refuses the input folder, a folder containing it and a folder inside it', () => {
    expectRefused(input, `is the input ${input} or contains it`, { watch: root });
    expectRefused(root, `is the input ${input} or contains it`, { watch: root });
    expectRefused(join(input, 'reports'), `lies inside the input ${input}; write elsewhere`, { watch: root });
  });

  it('refuses the current folder and a folder containing it, given as relative paths', () => {
    const cwd = join(root, 'work-here');
    mkdirSync(cwd);
    expectRefused('.', 'is the current folder or contains it', { cwd, watch: cwd });
    expectRefused('..', 'is the current folder or contains it', { cwd, watch: root });
  });

  it('refuses the filesystem root and the home folder', () => {
    const home = join(root, 'home');
    mkdirSync(home);
    writeFileSync(join(home, '.bashrc'), 'export PATH');
    expectRefused('/', 'is the root of the file system', { watch: home });
    expectRefused(home, 'is the home folder or contains it', { env: { HOME: home }, watch: home });
  });

  it('refuses a symbolic link to nothing', () => {
    const parent = join(root, 'dangling');
    mkdirSync(parent);
    symlinkSync(join(parent, 'gone'), join(parent, 'out'));
    expectRefused(join(parent, 'out'), 'is a symbolic link to nothing');
  });

  it('creates no spill or temporary folder beside a refused --out', () => {
    const parent = join(root, 'nothing-beside');
    writeFiles(parent, { 'out/keep.txt': 'mine' });
    expectRefused(join(parent, 'out'), 'exists and does not hold an earlier caregap output; give a new or empty folder');
    expect(readdirSync(parent)).toEqual(['out']);
  });
});

describe('--out that may be replaced', () => {
  it('writes a new folder given relatively with .. and a trailing slash, then replaces its own earlier run', () => {
    const cwd = join(root, 'relative');
    mkdirSync(join(cwd, 'sub'), { recursive: true });
    runInto('sub/../audit/', cwd);
    const manifest = JSON.parse(readFileSync(join(cwd, 'audit', 'manifest.json'), 'utf8')) as { software: Record<string, string>; outputs: string[] };
    expect(manifest.software).toMatchObject({ name: 'caregap', command: 'run' });
    expect(manifest.outputs).toEqual([...readdirSync(join(cwd, 'audit'))].sort());
    writeFileSync(join(cwd, 'audit', 'summary.md'), 'stale'); // a caregap file, so still an earlier run
    runInto('audit', cwd); // what `make demo` twice does
    expect(readFileSync(join(cwd, 'audit', 'summary.md'), 'utf8')).not.toBe('stale');
    expect(readdirSync(cwd).sort()).toEqual(['audit', 'sub']);
  });

  it('writes into an empty folder', () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    runInto(empty);
    expect(existsSync(join(empty, 'manifest.json'))).toBe(true);
  });

  it('follows a symbolic link to an earlier run: the real folder is replaced, the link kept', () => {
    const real = join(root, 'real-out');
    runInto(real);
    const link = join(root, 'link-out');
    symlinkSync(real, link);
    writeFileSync(join(real, 'summary.md'), 'stale');
    runInto(link);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(real, 'summary.md'), 'utf8')).not.toBe('stale');
  });
});

describe('caregap generate --out', () => {
  const generate = (out: string) => runCli(['generate', '--persons', '20', '--seed', '1', '--format', 'events', '--out', out]);

  it('refuses a folder of other files and a run output, untouched', () => {
    const folder = join(root, 'gen-other');
    writeFiles(folder, { 'patients.csv': 'person_id\nreal-person\n' });
    const before = snapshotTree(folder);
    const result = generate(folder);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`caregap: --out ${folder}: exists and does not hold an earlier caregap output; give a new or empty folder; nothing was changed\n`);
    expect(snapshotTree(folder)).toEqual(before);

    const run = join(root, 'gen-over-run');
    runInto(run);
    const runBefore = snapshotTree(run);
    expect(generate(run).code).toBe(2);
    expect(snapshotTree(run)).toEqual(runBefore);
  });

  it('replaces its own earlier generation, leaving no stale file', () => {
    const folder = join(root, 'gen-again');
    expect(runCli(['generate', '--persons', '20', '--seed', '1', '--format', 'events', '--gzip', '--out', folder]).code).toBe(0);
    expect(existsSync(join(folder, 'events.csv.gz'))).toBe(true);
    const again = generate(folder);
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['coverage.csv', 'events.csv', 'generation.json', 'patients.csv', 'truth.csv', 'truth_episodes.csv', 'valuesets']);
    expect(readdirSync(root).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});
