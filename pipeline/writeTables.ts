import { join } from 'node:path';
import type { Db } from './db.js';
import { patientGapColumns } from './rules/ruleResultColumns.js';
import { quotedString } from './sql.js';

/** How a table to be written is ordered already. */
export interface WriteOrder {
  /**
   * True when the table's rows are stored in contract order already (the DuckDB rule pack creates
   * patient_gaps and episode_export sorted, and DuckDB keeps insertion order): COPY then writes
   * them as stored instead of sorting them again for each file. False after pseudonymisation
   * (the new ids sort differently) and for tables copied from another engine.
   */
  inOrder?: boolean;
}

/** patient_gaps.csv and .parquet, sorted per the contract, written by DuckDB's COPY. */
export async function writePatientGaps(db: Db, dir: string, options: WriteOrder = {}): Promise<void> {
  const orderedGaps = `select ${patientGapColumns.join(', ')} from patient_gaps${options.inOrder ? '' : ' order by person_id, index_date, rule_id'}`;
  await db.run(`copy (${orderedGaps}) to ${quotedString(join(dir, 'patient_gaps.csv'))} (header, dateformat '%Y-%m-%d')`);
  await db.run(`copy (${orderedGaps}) to ${quotedString(join(dir, 'patient_gaps.parquet'))} (format parquet)`);
}

/**
 * rejects.csv: file, line, column, value, reason, ordered by file and line. With
 * `withholdIdentifiers` (pseudonymised runs) a value that can hold a person id (a person id
 * column, or the whole text of a malformed line) is left empty.
 */
export async function writeRejects(db: Db, dir: string, options: { withholdIdentifiers: boolean }): Promise<void> {
  const value = options.withholdIdentifiers
    ? `case when "column" in ('person_id', 'patient_id', 'subject', 'patient') or reason like 'ragged row%'
            or reason in ('malformed quoting', 'invalid UTF-8', 'invalid JSON') then null else value end`
    : 'value';
  await db.run(
    `copy (select file, line, "column", ${value} as value, reason from load_reject order by file, line, "column")
     to ${quotedString(join(dir, 'rejects.csv'))} (header)`,
  );
}
