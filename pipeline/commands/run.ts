import { Command, Option } from 'commander';
import { readConfigFile, resolveRunConfig } from '../config.js';
import { Progress } from '../progress.js';
import { runPipeline } from '../runPipeline.js';
import { describeFailIf } from '../failIf/describeFailIf.js';
import { checkRunOptions } from '../checkRunOptions.js';
import { decimalNumber, wholeNumber } from '../cliNumbers.js';
import { runSummaryLine } from '../runSummaryLine.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
const integer = wholeNumber;

/** `caregap run`: load an extract, apply the rule pack, write the reports. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('load an extract, apply every rule to the whole population, write reports')
    .option('--input <dir>', 'folder holding the input files')
    .addOption(new Option('--format <format>', 'input format (detected from file names when omitted)').choices(['events', 'claims', 'omop', 'fhir']))
    .option('--as-of <date>', 'audit date YYYY-MM-DD (default: the latest event date in the input)')
    .option('--valuesets <dir>', 'extra value-set folder adding or overriding rows (repeatable)', collect)
    .option('--out <dir>', 'output folder (required); must be new, empty or an earlier run, replaced only when the run completes', undefined)
    .option('--config <file>', 'JSON file with any of these settings (command line wins)')
    .option('--threads <n>', 'DuckDB worker threads', integer)
    .option('--memory-limit <size>', 'DuckDB memory limit, e.g. 2GB (spills to --temp-dir beyond it)')
    .option('--temp-dir <dir>', 'where DuckDB spills (default: beside --out, removed afterwards)')
    .addOption(new Option('--work-db <where>', 'working tables in memory, or in a compressed database file in the temp folder (default auto: disk when the inputs are large for the memory limit)').choices(['auto', 'memory', 'disk']))
    .option('--min-age <years>', 'minimum age at the index date (default 50)', integer)
    .option('--episode-gap-days <days>', 'days between index dates of separate episodes (default 365)', integer)
    .option('--conservative-care-days <days>', 'days of conservative care before augmentation (default 90)', integer)
    .option('--calcium-min-mg <mg>', 'daily calcium dose judged sufficient (default 1000)', decimalNumber)
    .option('--vitamin-d-min-iu <iu>', 'daily vitamin D dose judged sufficient (default 800)', decimalNumber)
    .addOption(new Option('--level <level>', 'only episodes of this fracture level').choices(['lumbar', 'thoracic', 'unspecified']))
    .option('--course-days <days>', 'therapy course window from its start, for adherence and persistence (default 365)', integer)
    .option('--permissible-gap-days <days>', 'longest gap in therapy supply that does not end persistence (default 60)', integer)
    .option('--adherence-threshold <share>', 'proportion of days covered counted as adherent, 0 to 1 (default 0.80)', Number)
    .option('--min-cell <n>', 'small-cell suppression threshold; 0 turns it off (default 11)', integer)
    .option('--worklist', 'write worklist.csv: open and prospective gaps of rules A and B for outreach (identifies patients; report.html stays aggregate)')
    .option('--worklist-by-site', 'also write one worklist file per site into worklists/ (implies --worklist)')
    .option('--fail-if <expression>', 'exit 3 after writing everything when it holds, e.g. "untreated-12m.gap_rate > 0.7" or "rejected > 0" (repeatable)', collect)
    .option('--arrow', 'also write the Arrow IPC copy patient_gaps.arrow (off by default: it costs about 5 s per million rows)')
    .option('--no-arrow', 'skip the Arrow IPC copy patient_gaps.arrow (the default; overrides "arrow": true in --config)')
    .option('--pseudonymize-key <file>', 'replace person ids in every output with an HMAC-SHA-256 keyed hash')
    .option('--strict', 'fail the run (exit 1) at the first rejected row')
    .option('--materialize-canonical', 'claims: store every clinical event as a table (slower; for debugging) instead of a view')
    .option('--quiet', 'no progress output')
    .addOption(new Option('--log-format <format>', 'progress as text (terminal only) or JSON lines').choices(['text', 'json']))
    .addOption(new Option('--engine <engine>', 'where the rule pack runs: duckdb (default, in this process) or postgres (in the database; docs/postgres.md)').choices(['duckdb', 'postgres']))
    .option('--database-url <url>', 'with --engine postgres: postgres://USER@HOST:PORT/DATABASE (password from the URL or PGPASSWORD; never printed)')
    .option('--schema <schema>', 'with --engine postgres: the schema holding the input tables (claims: medical_claim, pharmacy_claim, eligibility; events: patients, events, coverage)')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { config: configPath, ...cli } = options;
      // Only a value the user typed may override the config file (commander fills in a default for `arrow`).
      if (command.getOptionValueSource('arrow') === 'default') delete cli.arrow;
      const fromFile = typeof configPath === 'string' ? readConfigFile(configPath) : {};
      // Every file-system check before any work: nothing is opened, created or replaced until it passes.
      const config = await checkRunOptions(resolveRunConfig(fromFile, cli), typeof configPath === 'string' ? configPath : undefined);
      const progress = new Progress({ quiet: config.quiet, logFormat: config.logFormat, isTty: process.stderr.isTTY === true });
      const summary = await runPipeline(config, progress);
      progress.summary(runSummaryLine(summary));
      // --fail-if: the reports are written; exit 3 names every expression that held.
      for (const line of describeFailIf(summary.failIf, config.minCell)) process.stderr.write(`${line}\n`);
      if (summary.failIf.some((result) => result.holds)) process.exitCode = 3;
    });
}
