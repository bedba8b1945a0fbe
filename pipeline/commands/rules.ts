import type { Command } from 'commander';

/** Placeholder until the rule engine lands (issue 3): `caregap rules` and `caregap explain`. */
export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list the rules (not built yet)')
    .action(() => {
      process.stderr.write('caregap rules: not built yet\n');
      process.exitCode = 2;
    });
}
