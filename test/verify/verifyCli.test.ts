// `caregap verify --truth FILE OUTDIR` (docs/contracts.md) on a small generated population.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePopulation } from '../../sample-data/generator/generatePopulation.js';
import { writeRunFolder } from '../diff/runFolderFixture.js';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir } from '../helpers/tempDir.js';

const temp = makeTempDir('caregap-verify-');
afterAll(() => temp.cleanup());
const data = join(temp.dir, 'data');
const out = join(temp.dir, 'out');
const truth = join(data, 'truth.csv');
let truthLines: string[] = [];

beforeAll(async () => {
  await generatePopulation({ persons: 300, seed: 11, format: 'events', out: data, threads: 1 });
  const run = runCli(['run', '--input', data, '--valuesets', join(data, 'valuesets'), '--out', out, '--quiet']);
  expect(run.code, run.stderr).toBe(0);
  truthLines = readFileSync(truth, 'utf8').trim().split('\n');
});

/** The truth file with one data row changed by `edit` (null drops it), written beside the original. */
function editedTruth(name: string, row: number, edit: (fields: string[]) => string[] | null): { file: string; episode: string } {
  const lines = [...truthLines];
  const fields = lines[row]!.split(',');
  const edited = edit([...fields]);
  if (edited === null) lines.splice(row, 1);
  else lines[row] = edited.join(',');
  const file = join(temp.dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, episode: fields[0]! };
}

describe('caregap verify', () => {
  it('passes a correct run: exit 0 and a confusion table for every rule', () => {
    const result = runCli(['verify', '--truth', truth, out]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('PASS');
    for (const rule of ['untreated-12m', 'calcium-vitamin-d', 'early-augmentation']) expect(result.stdout).toContain(`${rule}: expected -> actual`);
    expect(result.stdout).not.toMatch(/^ {2}! /m);
  });

  it('fails a truth file with one wrong row: exit 1, naming the episode', () => {
    // Row 1 is the first data row; flip its status to one the run cannot have given.
    const { file, episode } = editedTruth('wrong-status.csv', 1, (fields) => {
      fields[2] = fields[2] === 'open' ? 'closed' : 'open';
      return fields;
    });
    const result = runCli(['verify', '--truth', file, out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL: 1 of');
    // No truth_episodes.csv beside this copy: the course is not compared, and the report says so.
    expect(result.stdout).toContain('docs/rules.md §8 columns were not compared');
    expect(result.stdout).toContain(`first differing (episode, rule):\n  ${episode} `);
  });

  it('fails when a row is missing from the truth file (the run has one the truth lacks)', () => {
    const { file, episode } = editedTruth('missing-row.csv', 2, () => null);
    const result = runCli(['verify', '--truth', file, out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`${episode} [a-z0-9-]+: expected \\(none\\), got `));
  });

  it('exits 2 on a missing truth file, a folder that is not a run, and a pseudonymised run', async () => {
    const missing = runCli(['verify', '--truth', join(temp.dir, 'nope.csv'), out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.csv: file not found');
    const notRun = runCli(['verify', '--truth', truth, data]);
    expect(notRun.code).toBe(2);
    expect(notRun.stderr).toContain('not a caregap run folder');
    await writeRunFolder(join(temp.dir, 'hashed'), [], { pseudonymized: true, keyFingerprint: 'f'.repeat(64) });
    const hashed = runCli(['verify', '--truth', truth, join(temp.dir, 'hashed')]);
    expect(hashed.code).toBe(2);
    expect(hashed.stderr).toContain('pseudonymised');
  });
});
