import { join } from 'node:path';
import type { Db } from './db.js';
import { quotedIdentifier, quotedString } from './sql.js';
import type { WriteOrder } from './writeTables.js';

/** Options of writeEpisodes. */
export interface WriteEpisodesOptions extends WriteOrder {
  /** episode_export's columns in order, when the caller knows them (saves asking DuckDB). */
  columns?: readonly string[];
}

/**
 * episodes.csv and episodes.parquet (docs/contracts.md, Outputs: the research export) from the
 * `episode_export` table, written by DuckDB's COPY (nothing passes through JS), sorted by
 * person_id, index_date, columns in the table's (contract) order. CSV: dates YYYY-MM-DD, booleans
 * true/false, empty when null, pdc with exactly 4 decimals (a DECIMAL(5,4)). Parquet keeps the
 * types, except pdc, written as a double (the rounded value) so pandas and R read a number.
 */
export async function writeEpisodes(db: Db, dir: string, options: WriteEpisodesOptions = {}): Promise<void> {
  const columns = options.columns ?? (await db.columns('episode_export'));
  const ordered = (parquet: boolean): string => {
    const list = columns.map((column) =>
      parquet && column === 'pdc' ? 'cast(pdc as double) as pdc' : quotedIdentifier(column),
    );
    return `select ${list.join(', ')} from episode_export${options.inOrder ? '' : ' order by person_id, index_date'}`;
  };
  await db.run(`copy (${ordered(false)}) to ${quotedString(join(dir, 'episodes.csv'))} (header, dateformat '%Y-%m-%d')`);
  await db.run(`copy (${ordered(true)}) to ${quotedString(join(dir, 'episodes.parquet'))} (format parquet, compression zstd)`);
}
