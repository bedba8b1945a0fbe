import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { readRunFolder } from '../runOutput/readRunFolder.js';
import { compareCourseWithTruth, courseAgrees, formatCourseAgreement } from './compareCourseWithTruth.js';
import { agrees, compareWithTruth, formatAgreement } from './compareWithTruth.js';

/** What `caregap verify` prints and how it exits. */
export interface VerifyResult {
  /** True when every (episode, rule) agrees on status and reason and, when course truth is present, every course cell agrees. */
  agrees: boolean;
  /** The report for stdout: counts, confusion tables, first differences. */
  text: string;
}

/** Options of `caregap verify` (pipeline/config.ts, verifyConfigSchema). */
export interface VerifyOptions {
  truth: string;
  /** truth_episodes.csv; when absent, the one beside `truth` is used if it exists. */
  truthEpisodes?: string | undefined;
  outDir: string;
  maxDifferences: number;
}

/**
 * `caregap verify --truth FILE OUTDIR` (docs/contracts.md): compares a run's patient_gaps with a
 * generator's truth.csv by (episode, rule) on status and reason and, when course truth is present
 * (`--truth-episodes`, or truth_episodes.csv beside the truth file), the run's episodes.csv with it
 * on the docs/rules.md §8 columns. A key missing from either side is a disagreement. Usage errors
 * (exit 2), all before any comparison: OUTDIR not a caregap run folder, a pseudonymised run (its ids
 * cannot match the truth), a missing truth file or --truth-episodes file, a run without episodes.csv
 * when course truth is present; a foreign file (missing columns) is one too.
 */
export async function runVerify(options: VerifyOptions): Promise<VerifyResult> {
  const run = readRunFolder(options.outDir, 'OUTDIR');
  if (run.manifest.parameters?.pseudonymized === true) {
    throw new UsageError(`OUTDIR ${options.outDir}: the run was pseudonymised; verify needs a run without --pseudonymize-key`);
  }
  if (!existsSync(options.truth)) throw new UsageError(`--truth ${options.truth}: file not found`);
  const course = courseFiles(options, run.dir);
  const agreement = await compareWithTruth(options.truth, run.gapsPath, options.maxDifferences);
  const gapsOk = agrees(agreement);
  const lines = [formatAgreement(agreement), ''];
  const failures = gapsOk ? [] : [`${agreement.keys - agreement.matched} of ${agreement.keys} (episode, rule) rows disagree`];
  if (course === null) {
    lines.push('course: no truth_episodes.csv beside the truth file; the docs/rules.md §8 columns were not compared', '');
  } else {
    const courseAgreement = await compareCourseWithTruth(course.truth, course.episodes, options.maxDifferences);
    lines.push(formatCourseAgreement(courseAgreement), '');
    if (!courseAgrees(courseAgreement)) {
      const cells = Object.values(courseAgreement.byColumn).reduce((sum, count) => sum + count, 0);
      const episodes = courseAgreement.episodes - courseAgreement.matched;
      failures.push(`course: ${cells} cells in ${episodes} of ${courseAgreement.episodes} episodes disagree`);
    }
  }
  const ok = failures.length === 0;
  const checked = course === null ? 'every (episode, rule)' : 'every (episode, rule) and every episode\'s course';
  lines.push(ok ? `caregap verify: PASS: ${checked} agrees with the truth` : `caregap verify: FAIL: ${failures.join('; ')}`);
  return { agrees: ok, text: `${lines.join('\n')}\n` };
}

/**
 * The course truth and the run's episodes.csv to compare, or null when there is no course truth.
 * An explicit --truth-episodes must exist; with course truth the run must hold episodes.csv.
 */
function courseFiles(options: VerifyOptions, runDir: string): { truth: string; episodes: string } | null {
  let truth: string;
  if (options.truthEpisodes !== undefined) {
    if (!existsSync(options.truthEpisodes)) throw new UsageError(`--truth-episodes ${options.truthEpisodes}: file not found`);
    truth = options.truthEpisodes;
  } else {
    truth = join(dirname(options.truth), 'truth_episodes.csv');
    if (!existsSync(truth)) return null;
  }
  const episodes = join(runDir, 'episodes.csv');
  if (!existsSync(episodes)) {
    throw new UsageError(`OUTDIR ${options.outDir}: no episodes.csv to compare with ${truth} (run it with this caregap version)`);
  }
  return { truth, episodes };
}
