import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The catalog file name inside a value-set folder (value set -> domain). */
export const catalogFileName = 'catalog.csv';

/** One value-set folder's files, in load order. */
export interface ValueSetFolder {
  dir: string;
  /** Value-set row files (`*.csv` except the catalog), sorted by name. */
  valueSetFiles: string[];
  /** The folder's catalog.csv, when it has one. */
  catalogFile: string | null;
}

/**
 * Lists a value-set folder: its `*.csv` files sorted by name, with `catalog.csv` set apart.
 * Throws when the folder does not exist (a mistyped `--valuesets DIR` must not pass silently).
 */
export function listValueSetFolder(dir: string): ValueSetFolder {
  const absolute = resolve(dir);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new Error(`value sets: folder not found: ${absolute}`);
  }
  const csvFiles = readdirSync(absolute)
    .filter((name) => name.toLowerCase().endsWith('.csv'))
    .sort();
  return {
    dir: absolute,
    valueSetFiles: csvFiles.filter((name) => name !== catalogFileName).map((name) => join(absolute, name)),
    catalogFile: csvFiles.includes(catalogFileName) ? join(absolute, catalogFileName) : null,
  };
}
