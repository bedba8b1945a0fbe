import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../pipeline/projectRoot.js';
import { generatePopulation } from '../../sample-data/generator/generatePopulation.js';
import { compareCourseWithTruth, formatCourseAgreement } from '../../pipeline/verify/compareCourseWithTruth.js';
import { compareWithTruth, formatAgreement } from '../../pipeline/verify/compareWithTruth.js';

const persons = 20_000;
const root = mkdtempSync(join(tmpdir(), 'caregap-agreement-'));
const repo = projectRoot();

beforeAll(() => {
  // The CLI runs from dist/: build it once for this file.
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repo, stdio: 'pipe' });
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * The pipeline must recover every planted answer: generate a population, run `caregap run` on it
 * through the CLI, and compare (episode_id, rule_id) -> (status, reason) with truth.csv. On any
 * difference the failure message holds the per-rule confusion table and the first 20 episodes. The
 * therapy course columns of episodes.csv (docs/rules.md §8) are compared with truth_episodes.csv.
 */
describe.each(['events', 'claims'] as const)('caregap run on a generated %s population', (format) => {
  it(`agrees with the planted truth for all ${persons} persons`, async () => {
    const data = join(root, format);
    const out = join(root, `${format}-out`);
    await generatePopulation({ persons, seed: 2025, format, out: data, threads: 2 });
    execFileSync(
      'node',
      ['bin/caregap.js', 'run', '--input', data, '--format', format, '--valuesets', join(data, 'valuesets'), '--out', out, '--threads', '2', '--quiet'],
      { cwd: repo, stdio: 'pipe' },
    );
    expect(existsSync(join(out, 'patient_gaps.csv'))).toBe(true);
    const agreement = await compareWithTruth(join(data, 'truth.csv'), join(out, 'patient_gaps.csv'), 20);
    const report = formatAgreement(agreement);
    if (agreement.matched !== agreement.truthRows || agreement.mismatches.length > 0) process.stderr.write(`${report}\n`);
    expect(agreement.truthRows).toBeGreaterThan(persons);
    expect(agreement.mismatches, report).toEqual([]);
    const course = await compareCourseWithTruth(join(data, 'truth_episodes.csv'), join(out, 'episodes.csv'), 20);
    const courseReport = formatCourseAgreement(course);
    if (course.mismatches.length > 0) process.stderr.write(`${courseReport}\n`);
    expect(course.mismatches, courseReport).toEqual([]);
    expect(course.truthEpisodes).toBe(agreement.truthRows / 3);
  }, 300_000);
});
