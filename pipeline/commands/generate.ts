import type { Command } from 'commander';
import { z } from 'zod';
import { generateOptionsSchema } from '../../sample-data/generator/options.js';
import { UsageError } from '../errors.js';
import { isEarlierOutput } from '../earlierOutput.js';
import { generateOutputMarker } from '../generateOutputMarker.js';
import { guardOutTarget } from '../outGuard.js';
import { writeAtomically } from '../outputDir.js';

const integerText = (name: string) =>
  z
    .string({ error: `--${name} is required` })
    .regex(/^\d+$/, `--${name} must be a whole number`)
    .transform(Number);

/** Command-line text to generator options; every problem is reported with its option name. */
const cliSchema = z.object({
  persons: integerText('persons'),
  seed: integerText('seed'),
  format: z.string({ error: '--format is required (events, claims, omop or fhir)' }),
  asOf: z.string().optional(),
  out: z.string({ error: '--out is required' }),
  portable: z.boolean().optional(),
  gzip: z.boolean().optional(),
  threads: integerText('threads').optional(),
  memoryLimit: z.string().optional(),
  episodeShare: z
    .string()
    .regex(/^(\d+(\.\d*)?|\.\d+)$/, '--episode-share must be a number between 0 and 1')
    .transform(Number)
    .optional(),
});

const optionName: Record<string, string> = { asOf: '--as-of', memoryLimit: '--memory-limit', episodeShare: '--episode-share' };

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const key = String(issue.path[0] ?? '');
      const name = optionName[key] ?? `--${key}`;
      return issue.message.startsWith('--') ? issue.message : `${name}: ${issue.message}`;
    })
    .join('; ');
}

/** `caregap generate`: a synthetic population with planted truth (see docs/synthetic-data.md). */
export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write a synthetic population in the events, claims, omop or fhir format, with truth.csv of the planted answers')
    .option('--persons <n>', 'number of persons')
    .option('--seed <n>', 'seed; the same seed gives the same files')
    .option('--format <format>', 'events, claims, omop or fhir')
    .option('--as-of <date>', 'last event date YYYY-MM-DD (default 2025-12-31)')
    .option('--out <dir>', 'output folder (required); must be new, empty or an earlier generation')
    .option('--portable', 'plant only what every format carries (events: no registry notes or uncovered persons); same population in all four formats')
    .option('--gzip', 'write the data files gzip-compressed (.csv.gz, .ndjson.gz)')
    .option('--threads <n>', 'DuckDB worker threads (default: all cores)')
    .option('--memory-limit <size>', 'DuckDB memory limit (default 2GB)')
    .option('--episode-share <fraction>', 'fraction of persons with a fracture episode, 0 to 1 (default 0.42, enriched; about 0.01 is realistic)')
    .action(async (raw: Record<string, unknown>) => {
      const cli = cliSchema.safeParse(raw);
      if (!cli.success) throw new UsageError(`generate: ${describe(cli.error)}`);
      const options = generateOptionsSchema.safeParse(Object.fromEntries(Object.entries(cli.data).filter(([, value]) => value !== undefined)));
      if (!options.success) throw new UsageError(`generate: ${describe(options.error)}`);
      // Replaces only an empty folder or an earlier generation (docs/contracts.md), written atomically.
      const out = guardOutTarget(options.data.out, {
        option: '--out',
        kind: 'folder',
        isEarlierOutput: (dir) => isEarlierOutput(dir, generateOutputMarker),
      });
      // Loaded when the command runs: every command's modules loaded at start-up slow `caregap run`.
      const { generatePopulation } = await import('../../sample-data/generator/generatePopulation.js');
      const generated = await writeAtomically(out, (dir) => generatePopulation({ ...options.data, out: dir }));
      const result = { ...generated, outDir: out };
      const rows = result.files.map((file) => `${file.file} ${file.rows}`).join(', ');
      process.stderr.write(
        `caregap: generated ${result.persons} persons, ${result.episodes} episodes (${options.data.format}) in ${result.outDir} ` +
          `in ${(result.elapsedMs / 1000).toFixed(1)} s: ${rows}\n`,
      );
    });
}
