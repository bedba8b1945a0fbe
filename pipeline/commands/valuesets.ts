import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveImportFdaNdcConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { importFdaNdc, type ImportResult } from '../valuesets/importFdaNdc.js';
import { checkImportTarget, renderImportedValueSet, writeFileAtomically } from '../valuesets/writeImportedValueSet.js';

/** How many unreadable rows the command lists by line; the rest are counted. */
const problemsListed = 20;

/**
 * Registers `caregap valuesets import-fda-ndc --fda-dir DIR --out FILE [--release-date DATE]`:
 * the FDA NDC Directory's product.txt and package.txt become a value-set file of package NDCs for
 * osteoporosis_therapy, calcium_supplement and vitamin_d_supplement, for `caregap run --valuesets`.
 * Exit 2 (before writing) for a bad option, a missing file or column, or an --out it must not replace.
 */
export function registerValueSets(program: Command): void {
  const valuesets = program.command('valuesets').description('build value-set files from public code lists');
  valuesets
    .command('import-fda-ndc')
    .description('turn the FDA NDC Directory text files (product.txt, package.txt) into a value-set file of package NDCs')
    .option('--fda-dir <dir>', 'folder holding FDA\'s product.txt and package.txt (ndctext.zip, unzipped)')
    .option('--out <file>', 'value-set .csv file to write (an earlier import is replaced; any other file is refused)')
    .option('--release-date <date>', 'date of the FDA files, YYYY-MM-DD, recorded in the source column (default: the files\' modification date)')
    .action((options: Record<string, unknown>) => {
      const config = resolveImportFdaNdcConfig(options);
      const fdaDir = resolve(config.fdaDir);
      if (!existsSync(fdaDir) || !statSync(fdaDir).isDirectory()) throw new UsageError(`--fda-dir ${config.fdaDir}: folder not found (unzip ndctext.zip into a folder and name that folder)`);
      const target = checkImportTarget(config.out);
      const result = importFdaNdc({ fdaDir, releaseDate: config.releaseDate });
      writeFileAtomically(target, renderImportedValueSet(result.rows, result.source));
      process.stdout.write(describeImport(result, target));
    });
}

/** What the command prints: rows written per value set, what was left out and why, unreadable rows. */
export function describeImport(result: ImportResult, target: string): string {
  const { stats } = result;
  const out: string[] = [];
  const perSet = Object.entries(stats.rowsByValueSet).map(([name, count]) => `${name} ${count}`).join(', ');
  out.push(`caregap: wrote ${result.rows.length} rows to ${target} (${perSet}); source "${result.source}"`);
  out.push(`  read ${stats.productsRead} products and ${stats.packagesRead} packages`);
  const leftOut = Object.entries(stats.productsLeftOut).map(([reason, count]) => `${reason} ${count}`).join(', ');
  out.push(`  products left out: ${leftOut}`);
  const packages = Object.entries(stats.packagesLeftOut).map(([reason, count]) => `${reason} ${count}`).join(', ');
  out.push(`  packages left out: ${packages}`);
  if (stats.rowsWithoutStrength > 0) out.push(`  ${stats.rowsWithoutStrength} rows have no strength (a unit that does not convert, or two ingredients of one value set)`);
  if (result.problems.length > 0) {
    out.push(`  ${result.problems.length} rows could not be read and were not imported:`);
    for (const problem of result.problems.slice(0, problemsListed)) {
      out.push(`    ${problem.file}:${problem.line}${problem.column ? ` column ${problem.column}` : ''}: ${problem.problem}`);
    }
    if (result.problems.length > problemsListed) out.push(`    ... and ${result.problems.length - problemsListed} more`);
  }
  if (result.rows.length === 0) out.push('  warning: no row was written; are these the FDA NDC Directory files?');
  return `${out.join('\n')}\n`;
}
