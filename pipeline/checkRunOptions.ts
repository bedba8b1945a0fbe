import { statSync } from 'node:fs';
// Not from reports/index.js: that would load the report writer and its charts before the run starts.
import { readPseudonymKey } from '../reports/pseudonymize.js';
import type { RunConfig } from './config.js';
import { UsageError } from './errors.js';
import { isEarlierOutput } from './earlierOutput.js';
import { detectFormat, listDataFiles } from './loaders/discover.js';
import { formats } from './loaders/formats.js';
import { guardOutTarget } from './outGuard.js';
import { listValueSetFolder } from './rules/valueSetFiles.js';
import { runOutputMarker } from './runOutputMarker.js';
import { checkDatabaseUrl } from './engines/postgres/databaseUrl.js';

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Every check on `caregap run`'s options that needs the file system, done before any work (no
 * DuckDB, no temporary folder): the input folder, its file names and format, each --valuesets folder, the
 * --pseudonymize-key file (readable, long enough), --temp-dir, and whether --out may be replaced
 * (outGuard.ts). Throws UsageError (exit 2) naming the option; returns the settings with `out` as
 * the real path to write to. Values are checked, not kept: the key is read again when used.
 */
export async function checkRunOptions(config: RunConfig, configFile?: string): Promise<RunConfig> {
  if (config.engine === 'postgres') checkDatabaseUrl(config.databaseUrl ?? '');
  else {
    const input = config.input ?? '';
    if (!isFolder(input)) throw new UsageError(`--input ${input}: input folder not found or not readable`);
    // Names the first unreadable, looping or non-UTF-8 input file; then the format must be clear.
    const names = listDataFiles(input);
    if (config.format === undefined) detectFormat(names, formats);
  }
  for (const dir of config.valuesets) {
    try {
      listValueSetFolder(dir);
    } catch {
      throw new UsageError(`--valuesets ${dir}: value-set folder not found or not readable`);
    }
  }
  if (config.pseudonymizeKey !== undefined) {
    try {
      await readPseudonymKey(config.pseudonymizeKey);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === undefined ? (error as Error).message : `cannot read the key file ${config.pseudonymizeKey} (${code})`;
      throw new UsageError(why.startsWith('--pseudonymize-key') ? why : `--pseudonymize-key: ${why}`);
    }
  }
  if (config.tempDir !== undefined) {
    try {
      if (!statSync(config.tempDir).isDirectory()) throw new UsageError(`--temp-dir ${config.tempDir}: exists and is not a folder`);
    } catch (error) {
      if (error instanceof UsageError) throw error; // a --temp-dir that does not exist yet is created
    }
  }
  const out = guardOutTarget(config.out, {
    option: '--out',
    kind: 'folder',
    inputs: [...(config.input === undefined ? [] : [config.input]), ...config.valuesets],
    keep: [config.tempDir, config.pseudonymizeKey, configFile],
    isEarlierOutput: (dir) => isEarlierOutput(dir, runOutputMarker),
  });
  return { ...config, out };
}
