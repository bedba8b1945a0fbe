import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { csvField, parseCsv } from './csvText.js';
import { importedMark, importedValueSetHeader, type ImportedRow } from './importedRow.js';

/** The CSV text of an imported value-set file: header, then one line per row, in the given order. */
export function renderImportedValueSet(rows: readonly ImportedRow[], source: string): string {
  const lines = [importedValueSetHeader.join(',')];
  for (const row of rows) {
    lines.push([
      row.valueSet, 'NDC', row.code, row.display, row.ingredient,
      row.coverDays === null ? '' : String(row.coverDays),
      row.strength === null ? '' : String(row.strength),
      row.strengthUnit, source, importedMark,
    ].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Whether `path` holds a file an earlier import wrote: the import's exact header and every row
 * marked verified = imported. Anything else is somebody's own file and must not be replaced.
 */
export function isImportedValueSetFile(path: string): boolean {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  if (header?.join(',') !== importedValueSetHeader.join(',')) return false;
  return rows.every((row) => (row.length === 1 && row[0] === '') || row[importedValueSetHeader.length - 1] === importedMark);
}

/**
 * Resolves `--out` of an import. Refuses, with a UsageError naming it, an `--out` that is a folder, does not end in .csv (the
 * run reads only *.csv from a --valuesets folder), or is an existing file an import did not write.
 */
export function checkImportTarget(path: string): string {
  const target = resolve(path);
  if (!target.toLowerCase().endsWith('.csv')) throw new UsageError(`--out ${path}: must be a .csv file (caregap run --valuesets DIR reads the *.csv files in DIR)`);
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) throw new UsageError(`--out ${path}: is a folder; give the path of the .csv file to write`);
    if (!isImportedValueSetFile(target)) {
      throw new UsageError(`--out ${path}: refusing to replace a file that caregap valuesets import-fda-ndc did not write`);
    }
  }
  return target;
}

/** Writes `text` to `target` atomically: readers see the old file or the whole new one, never half. */
export function writeFileAtomically(target: string, text: string): void {
  mkdirSync(dirname(target), { recursive: true });
  const temporary = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
