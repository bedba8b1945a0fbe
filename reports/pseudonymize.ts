import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Db } from '../pipeline/db.js';
import { quotedIdentifier } from '../pipeline/sql.js';

/** Shortest key accepted (bytes): shorter keys make the hashes guessable by brute force. */
export const MIN_KEY_BYTES = 16;

/**
 * Reads a pseudonymisation key file: its raw bytes, less one trailing newline (so `openssl rand
 * -hex 32 > key` and an editor-saved file give the same key). Throws when shorter than 16 bytes.
 */
export async function readPseudonymKey(path: string): Promise<Buffer> {
  let key = await readFile(path);
  if (key.at(-1) === 0x0a) key = key.subarray(0, key.length - 1);
  if (key.at(-1) === 0x0d) key = key.subarray(0, key.length - 1);
  if (key.length < MIN_KEY_BYTES) {
    throw new Error(`--pseudonymize-key ${path}: the key has ${key.length} bytes; use at least ${MIN_KEY_BYTES} (e.g. openssl rand -hex 32)`);
  }
  return key;
}

/** The pseudonym of one person id: HMAC-SHA-256(key, UTF-8 id) as 64 lower-case hex characters. */
export function pseudonymFor(key: Buffer, personId: string): string {
  return createHmac('sha256', key).update(personId, 'utf8').digest('hex');
}

/**
 * Replaces person_id in `table` (default patient_gaps) by its keyed hash, and the person part of
 * episode_id (person_id + ":" + index_date) with it. The mapping is built in DuckDB, one row per
 * distinct person id, streamed chunk by chunk through node:crypto into an appender, so a whole
 * population never sits in a JS array. Same key, same pseudonyms, in every run. The mapping table
 * is dropped afterwards: nothing that links back to the real ids is left in the database.
 */
export async function pseudonymizePersonIds(db: Db, key: Buffer, tableName = 'patient_gaps'): Promise<void> {
  const connection = db.connection;
  const table = quotedIdentifier(tableName);
  await db.run(`create or replace temp table person_pseudonym (person_id varchar primary key, pseudonym varchar not null)`);
  try {
    const appender = await connection.createAppender('person_pseudonym');
    try {
      const result = await connection.stream(`select distinct person_id from ${table} where person_id is not null`);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        const ids = chunk.getColumnVector(0);
        for (let row = 0; row < chunk.rowCount; row++) {
          const id = String(ids.getItem(row));
          appender.appendVarchar(id);
          appender.appendVarchar(pseudonymFor(key, id));
          appender.endRow();
        }
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    await db.run(`
      update ${table}
      set
        person_id = person_pseudonym.pseudonym,
        episode_id = case
          when starts_with(${table}.episode_id, ${table}.person_id)
            then person_pseudonym.pseudonym || substr(${table}.episode_id, length(${table}.person_id) + 1)
          else person_pseudonym.pseudonym || ':' || strftime(${table}.index_date, '%Y-%m-%d')
        end
      from person_pseudonym
      where ${table}.person_id = person_pseudonym.person_id
    `);
  } finally {
    await db.run('drop table if exists person_pseudonym');
  }
}
