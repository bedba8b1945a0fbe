// `caregap verify` on the therapy course (docs/rules.md §8): the run's episodes.csv against the
// generator's truth_episodes.csv, found beside truth.csv or named with --truth-episodes.
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePopulation } from '../../sample-data/generator/generatePopulation.js';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir } from '../helpers/tempDir.js';

const temp = makeTempDir('caregap-verify-course-');
afterAll(() => temp.cleanup());
const data = join(temp.dir, 'data');
const out = join(temp.dir, 'out');
const truth = join(data, 'truth.csv');
let courseLines: string[] = [];

beforeAll(async () => {
  await generatePopulation({ persons: 1_000, seed: 11, format: 'events', out: data, threads: 1 });
  const run = runCli(['run', '--input', data, '--valuesets', join(data, 'valuesets'), '--out', out, '--quiet']);
  expect(run.code, run.stderr).toBe(0);
  courseLines = readFileSync(join(data, 'truth_episodes.csv'), 'utf8').trim().split('\n');
}, 120_000);

/** A folder holding truth.csv and a copy of truth_episodes.csv with its lines changed by `edit`. */
function editedTruthFolder(name: string, edit: (lines: string[]) => void): string {
  const dir = join(temp.dir, name);
  mkdirSync(dir);
  copyFileSync(truth, join(dir, 'truth.csv'));
  const lines = [...courseLines];
  edit(lines);
  writeFileSync(join(dir, 'truth_episodes.csv'), `${lines.join('\n')}\n`);
  return dir;
}

describe('caregap verify with truth_episodes.csv (docs/rules.md §8)', () => {
  it('passes a correct run: exit 0, every truth episode agrees on every course column', () => {
    const result = runCli(['verify', '--truth', truth, out]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const episodes = courseLines.length - 1;
    expect(episodes).toBeGreaterThan(300);
    expect(result.stdout).toContain(`course agreement: ${episodes} of ${episodes} truth episodes agree`);
    expect(result.stdout).toContain("PASS: every (episode, rule) and every episode's course agrees");
  });

  it('fails when one pdc cell of the truth differs: exit 1, naming the column and the episode', () => {
    const pdc = courseLines[0]!.split(',').indexOf('pdc');
    const row = courseLines.findIndex((line, index) => index > 0 && line.split(',')[pdc] !== '');
    const fields = courseLines[row]!.split(',');
    const [episode, value] = [fields[0]!, fields[pdc]!];
    const changed = value === '1.0000' ? '0.9999' : '1.0000';
    const dir = editedTruthFolder('wrong-pdc', (lines) => {
      const edited = [...fields];
      edited[pdc] = changed;
      lines[row] = edited.join(',');
    });
    // Named with --truth-episodes; truth.csv itself is the correct one.
    const result = runCli(['verify', '--truth', truth, '--truth-episodes', join(dir, 'truth_episodes.csv'), out]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toContain('mismatching cells per column: pdc 1\n');
    expect(result.stdout).toContain(`  ${episode} pdc: expected '${changed}', got '${value}'`);
    expect(result.stdout).toMatch(/FAIL: course: 1 cells in 1 of \d+ episodes disagree\n$/);
    expect(result.stdout).not.toContain('(episode, rule) rows disagree');
  });

  it('fails when one episode is missing from the truth beside truth.csv: every course column differs for it', () => {
    const removed = courseLines[1]!.split(',')[0]!;
    const dir = editedTruthFolder('missing-episode', (lines) => lines.splice(1, 1));
    const result = runCli(['verify', '--truth', join(dir, 'truth.csv'), out]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toContain('mismatching cells per column: course_status 1, therapy_start_date 1,');
    // Its 16 differing cells print as one line.
    expect(result.stdout).toContain(`  ${removed}: not in the truth (every column; run course_status '`);
    expect(result.stdout.split('\n').filter((line) => line.startsWith(`  ${removed}`))).toHaveLength(1);
    expect(result.stdout).toMatch(/FAIL: course: 16 cells in 1 of \d+ episodes disagree/);
  });

  it('exits 2 on a missing --truth-episodes file and on a run without episodes.csv', () => {
    const missing = runCli(['verify', '--truth', truth, '--truth-episodes', join(temp.dir, 'nope_episodes.csv'), out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--truth-episodes');
    expect(missing.stderr).toContain('nope_episodes.csv: file not found');
    const older = join(temp.dir, 'no-episodes-out');
    cpSync(out, older, { recursive: true });
    rmSync(join(older, 'episodes.csv'));
    const noEpisodes = runCli(['verify', '--truth', truth, older]);
    expect(noEpisodes.code).toBe(2);
    expect(noEpisodes.stderr).toContain('no episodes.csv');
    expect(noEpisodes.stdout).toBe('');
  });
});
