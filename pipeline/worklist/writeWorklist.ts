import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db.js';
import { quotedString } from '../sql.js';
import { siteFileNames } from './siteFileNames.js';
import { worklistColumns, worklistOrder } from './worklistColumns.js';

/** Where the worklist files went and how many rows each holds. */
export interface WorklistFiles {
  rows: number;
  /** With bySite: one entry per site (null: persons without a site), in site order. */
  sites: Array<{ site: string | null; file: string; rows: number }>;
}

const csvOptions = `(header, dateformat '%Y-%m-%d')`;

/**
 * Writes worklist.csv from the `worklist` table (see buildWorklist.ts) with DuckDB's COPY, sorted
 * by site, open before prospective, due date, person and rule. With `bySite`, also one file per
 * site in `worklists/` (names from siteFileNames: safe for any site value) and
 * `worklists/sites.csv` listing site, file and rows. Every file has the header even when empty.
 */
export async function writeWorklist(db: Db, dir: string, options: { bySite: boolean }): Promise<WorklistFiles> {
  const select = `select ${worklistColumns.join(', ')} from worklist`;
  await db.run(`copy (${select} order by ${worklistOrder}) to ${quotedString(join(dir, 'worklist.csv'))} ${csvOptions}`);
  const total = await db.one<{ rows: number }>(`select count(*)::integer as rows from worklist`);
  if (!options.bySite) return { rows: total?.rows ?? 0, sites: [] };

  // Site values never reach SQL text: each site gets a number, and COPY filters on that number.
  const siteRows = await db.all<{ site: string | null; rows: number }>(
    `select site, count(*)::integer as rows from worklist group by site order by site asc nulls last`,
  );
  const files = siteFileNames(siteRows.map((row) => row.site));
  await db.run(`create or replace temp table worklist_site as
    select site, row_number() over (order by site asc nulls last)::integer as site_number
    from (select distinct site from worklist)`);
  const folder = join(dir, 'worklists');
  await mkdir(folder, { recursive: true });
  const sites = files.map((entry, index) => ({ ...entry, rows: siteRows[index]!.rows }));
  for (const [index, entry] of sites.entries()) {
    const siteNumber = index + 1;
    await db.run(
      `copy (${select} where site is not distinct from (select site from worklist_site where site_number = ${siteNumber})
        order by ${worklistOrder}) to ${quotedString(join(folder, entry.file))} ${csvOptions}`,
    );
  }
  await db.run(`create or replace temp table worklist_site_file (site varchar, file varchar, rows integer)`);
  if (sites.length > 0) {
    const params: Record<string, string | number | null> = {};
    const tuples = sites.map((entry, index) => {
      params[`site_${index}`] = entry.site;
      params[`file_${index}`] = entry.file;
      params[`rows_${index}`] = entry.rows;
      return `($site_${index}, $file_${index}, $rows_${index})`;
    });
    await db.run(`insert into worklist_site_file values ${tuples.join(', ')}`, params);
  }
  await db.run(
    `copy (select site, file, rows from worklist_site_file order by site asc nulls last)
      to ${quotedString(join(folder, 'sites.csv'))} (header)`,
  );
  await db.run('drop table if exists worklist_site; drop table if exists worklist_site_file');
  return { rows: total?.rows ?? 0, sites };
}
