import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db.js';
import { projectRoot } from '../projectRoot.js';
import { checkValueSetRows } from './checkValueSetRows.js';
import { effectiveValueSets } from './effectiveValueSets.js';
import { hashValueSetCodes } from './hashValueSets.js';
import { readValueSetCsv, type ValueSetCsvRow } from './readValueSetCsv.js';
import { storeValueSets } from './storeValueSets.js';
import {
  optionalValueSetColumns,
  requiredCatalogColumns,
  requiredValueSetColumns,
} from './valueSetColumns.js';
import { listValueSetFolder } from './valueSetFiles.js';

/** What was loaded: the version string, the hash of the effective rows, and how many. */
export interface ValueSetInfo {
  /** Shipped rules/valuesets/VERSION, with "+custom" when extra folders added rows. */
  version: string;
  /** SHA-256 (hex) of the effective value sets in (value_set, code_system, code) order. */
  hash: string;
  rowCount: number;
}

/** The folder of the value sets shipped with caregap. */
export function shippedValueSetDir(): string {
  return join(projectRoot(), 'rules', 'valuesets');
}

/**
 * Loads the shipped value sets, then every extra folder's `*.csv` in the order given, into the
 * tables `value_set_catalog` (value_set, domain, description) and `value_set_code` (one row per
 * (value_set, code_system, code), the row loaded last winning; codes normalised like event codes;
 * see effectiveValueSets). The files are read, checked and normalised in JavaScript and stored with
 * literal VALUES lists, so they load the same way into DuckDB and PostgreSQL (docs/engines.md).
 *
 * Throws, naming file and line, on a missing required column, an unknown code system, an empty
 * key field or a non-numeric number column. Line numbers are physical lines: a quoted field holding
 * a line break does not shift the lines after it.
 */
export async function loadValueSets(db: Db, extraDirs: string[]): Promise<ValueSetInfo> {
  const folders = [shippedValueSetDir(), ...extraDirs].map(listValueSetFolder);
  const valueSetRows: ValueSetCsvRow[] = [];
  const catalogRows: ValueSetCsvRow[] = [];
  let ordinal = 0;
  let extraFileCount = 0;
  for (const [folderIndex, folder] of folders.entries()) {
    for (const file of folder.valueSetFiles) {
      ordinal += 1;
      valueSetRows.push(...readValueSetCsv(file, ordinal, requiredValueSetColumns, optionalValueSetColumns));
      if (folderIndex > 0) extraFileCount += 1;
    }
    if (folder.catalogFile) {
      ordinal += 1;
      catalogRows.push(...readValueSetCsv(folder.catalogFile, ordinal, requiredCatalogColumns, ['description']));
    }
  }
  checkValueSetRows(valueSetRows, catalogRows);
  const { catalog, codes } = effectiveValueSets(valueSetRows, catalogRows);
  await storeValueSets(db, catalog, codes);
  const shippedVersion = readFileSync(join(shippedValueSetDir(), 'VERSION'), 'utf8').trim();
  return {
    version: extraFileCount > 0 ? `${shippedVersion}+custom` : shippedVersion,
    hash: hashValueSetCodes(codes),
    rowCount: codes.length,
  };
}
