import type { Command } from 'commander';
import { diffConfigSchema, resolveCommandConfig } from '../config.js';

const integer = (value: string): number => {
  const parsed = Number(value);
  return Number.isInteger(parsed) ? parsed : Number.NaN;
};

/** `caregap diff PREVIOUS CURRENT --out DIR`: what changed between two runs (e.g. two monthly audits). */
export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('compare two runs by (episode, rule): diff.csv with the change of each, diff.md with suppressed counts')
    .argument('<previous>', 'output folder of the earlier run')
    .argument('<current>', 'output folder of the later run')
    .option('--out <dir>', 'folder for diff.csv, diff.md and manifest.json (required)')
    .option('--min-cell <n>', 'small-cell suppression threshold of diff.md (default: the current run\'s)', integer)
    .option('--threads <n>', 'DuckDB worker threads', integer)
    .action(async (previous: string, current: string, options: Record<string, unknown>) => {
      const config = resolveCommandConfig(diffConfigSchema, { previous, current, ...options });
      // Loaded when the command runs: every command's modules loaded at start-up slow `caregap run`.
      const { runDiff } = await import('../diff/runDiff.js');
      const summary = await runDiff(config);
      // Warnings go to stderr as well as diff.md: a CI log shows them without opening the file.
      for (const warning of summary.warnings) process.stderr.write(`caregap diff: warning: ${warning}\n`);
      process.stderr.write(`caregap diff: ${summary.rows} (episode, rule) rows compared; diff.csv and diff.md in ${summary.outDir}\n`);
    });
}
