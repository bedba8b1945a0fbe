import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBListValue } from '@duckdb/node-api';
import type { Db } from '../db.js';
import { projectRoot } from '../projectRoot.js';
import { quotedIdentifier, quotedString } from '../sql.js';
import { codeSystems, valueSetDomains } from './codeSystems.js';
import {
  optionalValueSetColumns,
  requiredCatalogColumns,
  requiredValueSetColumns,
} from './valueSetColumns.js';
import { listValueSetFolder } from './valueSetFiles.js';
import {
  createValueSetCode,
  createValueSetStage,
  findInvalidCatalogRow,
  findInvalidValueSetRow,
  hashValueSetCode,
} from './valueSetSql.js';

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
 * (value_set, code_system, code), the row loaded last winning; codes normalised like event codes).
 * Files are read by DuckDB's read_csv with every column as text.
 *
 * Throws, naming file and line, on a missing required column, an unknown code system, an empty
 * key field or a non-numeric number column. Limits: line numbers count physical lines, so a
 * quoted field holding a line break shifts the numbers after it.
 */
export async function loadValueSets(db: Db, extraDirs: string[]): Promise<ValueSetInfo> {
  const folders = [shippedValueSetDir(), ...extraDirs].map(listValueSetFolder);
  await db.run(createValueSetStage);
  let ordinal = 0;
  let extraFileCount = 0;
  for (const [folderIndex, folder] of folders.entries()) {
    for (const file of folder.valueSetFiles) {
      ordinal += 1;
      await stageFile(db, file, ordinal, 'value_set_stage', requiredValueSetColumns, optionalValueSetColumns);
      if (folderIndex > 0) extraFileCount += 1;
    }
    if (folder.catalogFile) {
      ordinal += 1;
      await stageFile(db, folder.catalogFile, ordinal, 'value_set_catalog_stage', requiredCatalogColumns, ['description']);
    }
  }
  await failOnInvalidRow(db, findInvalidValueSetRow, { code_systems: new DuckDBListValue([...codeSystems]) });
  await failOnInvalidRow(db, findInvalidCatalogRow, { domains: new DuckDBListValue([...valueSetDomains]) });
  await db.run(createValueSetCode);
  const hashed = await db.one<{ row_count: string; hash: string }>(hashValueSetCode);
  const shippedVersion = readFileSync(join(shippedValueSetDir(), 'VERSION'), 'utf8').trim();
  return {
    version: extraFileCount > 0 ? `${shippedVersion}+custom` : shippedVersion,
    hash: hashed?.hash ?? '',
    rowCount: Number(hashed?.row_count ?? 0),
  };
}

/** Checks one file's header, then appends its rows (as text, with their line numbers) to a stage table. */
async function stageFile(
  db: Db,
  file: string,
  ordinal: number,
  stage: string,
  required: readonly string[],
  optional: readonly string[],
): Promise<void> {
  const source = `read_csv(${quotedString(file)}, header = true, all_varchar = true, delim = ',', quote = '"', parallel = false)`;
  let header: string[];
  try {
    header = await db.columns(`(select * from ${source})`);
  } catch (error) {
    throw new Error(`value sets: ${file}: cannot read as CSV: ${(error as Error).message}`);
  }
  const byLowerName = new Map(header.map((name) => [name.trim().toLowerCase(), name]));
  const missing = required.filter((name) => !byLowerName.has(name));
  if (missing.length > 0) {
    throw new Error(
      `value sets: ${file}:1: header lacks column(s) ${missing.join(', ')} ` +
        `(expected ${required.join(',')}); found ${header.join(',')}`,
    );
  }
  const selected = [...required, ...optional].filter((name) => byLowerName.has(name));
  const selectList = selected
    .map((name) => `${quotedIdentifier(byLowerName.get(name) ?? name)} as ${quotedIdentifier(name)}`)
    .join(', ');
  try {
    await db.run(
      `insert into ${stage} by name
       select $ordinal as ordinal, $file as file, cast(row_number() over () + 1 as integer) as line, ${selectList}
       from ${source}`,
      { ordinal, file },
    );
  } catch (error) {
    throw new Error(`value sets: ${file}: ${(error as Error).message}`);
  }
}

/** Runs a validation query; throws "file:line: problem" for the first row it returns. */
async function failOnInvalidRow(
  db: Db,
  sql: string,
  params: Record<string, DuckDBListValue>,
): Promise<void> {
  const bad = await db.one<{ file: string; line: number; problem: string }>(sql, params);
  if (bad) throw new Error(`value sets: ${bad.file}:${bad.line}: ${bad.problem}`);
}
