import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isEarlierOutput } from '../../pipeline/earlierOutput.js';
import { guardOutTarget, type OutGuard } from '../../pipeline/outGuard.js';
import { runOutputMarker } from '../../pipeline/runOutputMarker.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

const temp = makeTempDir();
afterAll(() => temp.cleanup());
const root = realpathSync(temp.dir);

// A single-file output such as `caregap valuesets import-fda-ndc --out FILE`: its earlier files start with a known header.
const fileGuard: OutGuard = {
  option: '--out',
  kind: 'file',
  isEarlierOutput: (path) => readFileSync(path, 'utf8').startsWith('value_set_id,code_system,code\n'),
};

describe('guardOutTarget for a file output', () => {
  it('allows a new file or an empty one, returning the real path', () => {
    expect(guardOutTarget(join(root, 'new', '..', 'codes.csv'), fileGuard)).toBe(join(root, 'codes.csv'));
    writeFileSync(join(root, 'empty.txt'), '');
    expect(guardOutTarget(join(root, 'empty.txt'), fileGuard)).toBe(join(root, 'empty.txt'));
    writeFileSync(join(root, 'earlier.csv'), 'value_set_id,code_system,code\nx,NDC,1\n');
    expect(guardOutTarget(join(root, 'earlier.csv'), fileGuard)).toBe(join(root, 'earlier.csv'));
  });

  it('refuses a file it did not write and a folder, naming the option', () => {
    writeFileSync(join(root, 'thesis.docx'), 'years of work');
    expect(() => guardOutTarget(join(root, 'thesis.docx'), fileGuard)).toThrow(
      `--out ${join(root, 'thesis.docx')}: exists and was not written by caregap; give a new file name; nothing was changed`,
    );
    mkdirSync(join(root, 'folder.csv'));
    expect(() => guardOutTarget(join(root, 'folder.csv'), fileGuard)).toThrow('exists and is not a file');
    expect(() => guardOutTarget('', fileGuard)).toThrow('--out is required');
  });
});

describe('guardOutTarget for a folder output', () => {
  const folderGuard = (keep: string[]): OutGuard => ({
    option: '--out',
    kind: 'folder',
    keep,
    isEarlierOutput: (dir) => isEarlierOutput(dir, runOutputMarker),
  });

  it('refuses a folder that holds a path the command still uses (a --temp-dir, a key file)', () => {
    const out = join(root, 'holds-key');
    writeFiles(out, { 'secret.key': '0123456789abcdef0123' });
    expect(() => guardOutTarget(out, folderGuard([join(out, 'secret.key')]))).toThrow(`is ${join(out, 'secret.key')} or contains it`);
  });

  it('recognises an earlier run by its manifest, and only when nothing else was added', () => {
    const out = join(root, 'earlier-run');
    const manifest = { software: { name: 'caregap', version: '0.1.0', command: 'run' }, outputs: ['manifest.json', 'summary.md', 'worklists/north.csv'] };
    writeFiles(out, { 'manifest.json': JSON.stringify(manifest), 'summary.md': '#', 'worklists/north.csv': 'x' });
    expect(guardOutTarget(out, folderGuard([]))).toBe(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    expect(() => guardOutTarget(out, folderGuard([]))).toThrow('does not hold an earlier caregap output');
    // A manifest from before the command was recorded still counts (no file list to compare).
    const older = join(root, 'older-run');
    writeFiles(older, { 'manifest.json': JSON.stringify({ software: { name: 'caregap', version: '0.0.9' }, input: { files: [] } }), 'summary.md': '#' });
    expect(isEarlierOutput(older, runOutputMarker)).toBe(true);
    writeFiles(join(root, 'broken'), { 'manifest.json': '{ not json' });
    expect(isEarlierOutput(join(root, 'broken'), runOutputMarker)).toBe(false);
  });
});
