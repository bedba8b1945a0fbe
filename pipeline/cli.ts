import { Command, CommanderError } from 'commander';
import { registerDiff } from './commands/diff.js';
import { registerGenerate } from './commands/generate.js';
import { registerRules } from './commands/rules.js';
import { registerRun } from './commands/run.js';
import { registerVerify } from './commands/verify.js';
import { registerValueSets } from './commands/valuesets.js';
import { RunError, UsageError } from './errors.js';
import { installInterruptHandlers, interruptedBy, interruptExitCode } from './interruption.js';
import { caregapVersion } from './version.js';

/** Builds the `caregap` command with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command('caregap')
    .description('Population-level care-gap analytics in DuckDB')
    .version(caregapVersion())
    .exitOverride()
    .showHelpAfterError(false)
    // Commander's own errors (unknown option, bad number) in the same one-line form as ours.
    .configureOutput({ outputError: (text, write) => write(`caregap: ${text.replace(/^error: /, '')}`) });
  registerRun(program);
  registerRules(program);
  registerGenerate(program);
  registerDiff(program);
  registerVerify(program);
  registerValueSets(program);
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 success, 1 the run failed (nothing written to --out),
 * 2 bad usage or configuration, 3 a --fail-if threshold held (reports written), 130/143 interrupted
 * by SIGINT/SIGTERM (temporary files removed); `caregap verify` exits 1 when the run disagrees with
 * the truth file. Errors print as one line on stderr; never a stack trace unless CAREGAP_DEBUG is set.
 */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.commands.forEach((command) => command.exitOverride());
  installInterruptHandlers();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    const signal = interruptedBy();
    if (signal !== undefined) {
      // Whatever the interrupted step threw, the run unwound and removed its temporary files.
      process.stderr.write(`caregap: interrupted by ${signal}; temporary files removed, --out unchanged\n`);
      return interruptExitCode(signal);
    }
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
