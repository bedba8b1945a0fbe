import type { Db } from '../db.js';
import type { RunWarning } from './runWarning.js';

/**
 * A warning when input rows were rejected for dates after the latest plausible date
 * (docs/canonical-tables.md, "Implausible dates"). A date-shifted research extract (MIMIC-IV runs
 * to 2202) loses most of its rows this way unless `--as-of` names a date in the extract's own
 * time; a handful of such rows in a real extract are typing errors. Counts only, never values.
 */
export async function implausibleDateWarnings(db: Db): Promise<RunWarning[]> {
  const row = await db.one<{ rows: number; files: number; latest: string | null }>(
    `select count(*)::integer as rows, count(distinct file)::integer as files,
        max(regexp_extract(reason, 'after (\\d{4}-\\d{2}-\\d{2})', 1)) as latest
     from load_reject
     where reason like 'implausible date: after %'`,
  );
  if (!row || row.rows === 0) return [];
  return [{
    code: 'implausible_future_dates',
    message:
      `${row.rows} input rows in ${row.files} file(s) were rejected for dates after ${row.latest} (see rejects.csv); ` +
      'if the extract is date-shifted, run with --as-of set to a date in its own time.',
  }];
}
