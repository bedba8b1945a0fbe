import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { listDataFiles, matchesSource } from '../../pipeline/loaders/discover.js';
import { sourcesOf, type PgInputFormat } from '../../pipeline/engines/postgres/inputTables.js';

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The header of a CSV or gzip CSV file (its first line, split on commas; names lower-cased). */
function headerOf(path: string): string[] {
  const bytes = path.endsWith('.gz') ? gunzipSync(readFileSync(path)) : readFileSync(path);
  const end = bytes.indexOf(10);
  const line = bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8').replace(/\r$/, '');
  return line.split(',').map((name) => name.trim().replace(/^"|"$/g, '').toLowerCase());
}

/**
 * Loads a claims or events input folder into `schema` as the PostgreSQL engine expects it: one table
 * per role (medical_claim, eligibility, ...), every column text, the rows by COPY ... FROM STDIN
 * (CSV, header), in file order. Creates the schema (dropping an older one of that name). Test and
 * bench set-up only: the engine itself never writes into the input schema.
 */
export async function copyCsvFolderIntoPostgres(url: string, folder: string, schema: string, format: PgInputFormat): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${quoted(schema)} cascade`);
    await client.query(`create schema ${quoted(schema)}`);
    const names = listDataFiles(folder);
    for (const spec of sourcesOf(format)) {
      const files = names.filter((name) => matchesSource(name, spec));
      if (files.length === 0) continue;
      const table = `${quoted(schema)}.${quoted(spec.role)}`;
      const columns = headerOf(join(folder, files[0]!));
      await client.query(`create table ${table} (${columns.map((name) => `${quoted(name)} text`).join(', ')})`);
      for (const file of files) {
        const path = join(folder, file);
        const copy = client.query(copyFrom(`copy ${table} from stdin with (format csv, header true)`));
        const source = createReadStream(path);
        if (path.endsWith('.gz')) await pipeline(source, createGunzip(), copy);
        else await pipeline(source, copy);
      }
    }
  } finally {
    await client.end();
  }
}
