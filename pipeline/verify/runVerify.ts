import { UsageError } from '../errors.js';
import { readRunFolder } from '../runOutput/readRunFolder.js';
import { agrees, compareWithTruth, formatAgreement } from './compareWithTruth.js';

/** What `caregap verify` prints and how it exits. */
export interface VerifyResult {
  /** True when every (episode, rule) of the truth and the run agrees on status and reason. */
  agrees: boolean;
  /** The report for stdout: counts, confusion tables, first differences. */
  text: string;
}

/**
 * `caregap verify --truth FILE OUTDIR` (docs/contracts.md): compares a run's patient_gaps with a
 * generator's truth.csv by (episode, rule) on status and reason. A key missing from either side is
 * a disagreement. Usage errors (exit 2): OUTDIR not a caregap run folder, a pseudonymised run
 * (its ids cannot match the truth), a missing or foreign truth file.
 */
export async function runVerify(options: { truth: string; outDir: string; maxDifferences: number }): Promise<VerifyResult> {
  const run = readRunFolder(options.outDir, 'OUTDIR');
  if (run.manifest.parameters?.pseudonymized === true) {
    throw new UsageError(`OUTDIR ${options.outDir}: the run was pseudonymised; verify needs a run without --pseudonymize-key`);
  }
  const agreement = await compareWithTruth(options.truth, run.gapsPath, options.maxDifferences);
  const ok = agrees(agreement);
  const verdict = ok
    ? 'caregap verify: PASS: every (episode, rule) agrees with the truth file'
    : `caregap verify: FAIL: ${agreement.keys - agreement.matched} of ${agreement.keys} (episode, rule) rows disagree`;
  return { agrees: ok, text: `${formatAgreement(agreement)}\n\n${verdict}\n` };
}
