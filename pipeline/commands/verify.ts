import type { Command } from 'commander';
import { resolveCommandConfig, verifyConfigSchema } from '../config.js';

const integer = (value: string): number => {
  const parsed = Number(value);
  return Number.isInteger(parsed) ? parsed : Number.NaN;
};

/**
 * `caregap verify --truth FILE OUTDIR`: a run against a generator's truth.csv (and, when present,
 * truth_episodes.csv for the docs/rules.md §8 course columns of episodes.csv), for scheduled CI on
 * synthetic data. Exit 0 when every (episode, rule) and every course cell agrees, 1 when any
 * disagrees (the report on stdout says which), 2 on bad usage.
 */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('compare a run\'s patient_gaps (and episodes.csv course columns) with a generator\'s truth files; exit 0 only when all agree')
    .argument('<outdir>', 'output folder of the run')
    .option('--truth <file>', 'truth.csv written by `caregap generate` (required)')
    .option('--truth-episodes <file>', 'truth_episodes.csv to compare with the run\'s episodes.csv (default: the one beside --truth, if any)')
    .option('--max-differences <n>', 'differing rows to print (default 20)', integer)
    .action(async (outDir: string, options: Record<string, unknown>) => {
      const config = resolveCommandConfig(verifyConfigSchema, { outDir, ...options });
      // Loaded when the command runs: every command's modules loaded at start-up slow `caregap run`.
      const { runVerify } = await import('../verify/runVerify.js');
      const result = await runVerify(config);
      process.stdout.write(result.text);
      if (!result.agrees) process.exitCode = 1;
    });
}
