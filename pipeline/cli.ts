import { Command, CommanderError } from 'commander';
import { registerGenerate } from './commands/generate.js';
import { registerRules } from './commands/rules.js';
import { registerRun } from './commands/run.js';
import { registerValueSets } from './commands/valuesets.js';
import { RunError, UsageError } from './errors.js';
import { caregapVersion } from './version.js';

/** Builds the `caregap` command with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command('caregap')
    .description('Population-level care-gap analytics in DuckDB')
    .version(caregapVersion())
    .exitOverride()
    .showHelpAfterError(false);
  registerRun(program);
  registerRules(program);
  registerGenerate(program);
  registerValueSets(program);
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 success, 1 the run failed (nothing written to --out),
 * 2 bad usage or configuration. Errors print as one line on stderr.
 */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.commands.forEach((command) => command.exitOverride());
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; commander has already printed them.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`caregap: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`caregap: run failed: ${message.split('\n')[0]}\n`);
    if (!(error instanceof RunError) && process.env.CAREGAP_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return 1;
  }
}
