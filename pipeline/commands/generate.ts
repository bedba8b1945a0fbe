import type { Command } from 'commander';

/** Placeholder until the synthetic generator lands (issue 4). */
export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write a synthetic population with planted truth (not built yet)')
    .action(() => {
      process.stderr.write('caregap generate: not built yet\n');
      process.exitCode = 2;
    });
}
