import { existsSync } from 'node:fs';
import { withDb, type Db } from '../db.js';
import { UsageError } from '../errors.js';
import { courseColumns } from '../rules/episodeExportColumns.js';
import { quotedString } from '../sql.js';

/** One §8 column (docs/rules.md §8) of one episode whose episodes.csv value differs from truth_episodes.csv. */
export type CourseMismatch = {
  episode_id: string;
  column: string;
  /** The truth's value as text ('' for empty), '(none)' when the truth lacks the episode. */
  expected: string;
  /** The run's value as text ('' for empty), '(none)' when the run lacks the episode. */
  actual: string;
  scenario: string;
};

/** The agreement of a run's episodes.csv with a generated truth_episodes.csv. */
export interface CourseAgreement {
  /** Episodes of the truth file. */
  truthEpisodes: number;
  /** Episodes of the run's episodes.csv. */
  runEpisodes: number;
  /** Episodes in either file. */
  episodes: number;
  /** Truth episodes whose every §8 column agrees. */
  matched: number;
  /** Truth episodes by expected course_status. */
  statuses: Record<string, number>;
  /** Mismatching cells per column (a missing or extra episode counts in every column). */
  byColumn: Record<string, number>;
  /** The first `limit` mismatching cells, by episode_id and column; a missing or extra episode only by its course_status. */
  mismatches: CourseMismatch[];
}

/** True when every episode of either file is in both and agrees on every §8 column. */
export function courseAgrees(agreement: CourseAgreement): boolean {
  return Object.keys(agreement.byColumn).length === 0;
}

/**
 * Joins truth_episodes.csv with the run's episodes.csv on episode_id (full outer: a missing or extra
 * episode is a mismatch of every column) and compares the §8 columns as text (empty = empty).
 * Returns the count of mismatching cells per column and the first `limit` of them. Limits: CSV
 * only (episodes.parquet types would print differently); a missing file or column is a UsageError
 * naming it; a duplicated episode_id counts once per pairing.
 */
export async function compareCourseWithTruth(truthCsv: string, episodesCsv: string, limit = 20): Promise<CourseAgreement> {
  for (const file of [truthCsv, episodesCsv]) if (!existsSync(file)) throw new UsageError(`${file}: file not found`);
  return withDb({ threads: 2 }, async (db) => {
    const truthSource = `read_csv(${quotedString(truthCsv)}, all_varchar = true, header = true)`;
    const runSource = `read_csv(${quotedString(episodesCsv)}, all_varchar = true, header = true)`;
    const truthHas = await requireColumns(db, truthSource, truthCsv, 'not a truth_episodes file');
    await requireColumns(db, runSource, episodesCsv, 'not an episodes.csv of this caregap version');
    const scenario = truthHas.includes('scenario') ? `coalesce(truth.scenario, '')` : `''`;
    const cells = courseColumns
      .map((column) => `{name: '${column}', expected: coalesce(truth.${column}, ''), actual: coalesce(run.${column}, '')}`)
      .join(',\n        ');
    // One row per (episode, column); the side that lacks the episode reads '(none)'.
    await db.run(`create table cell as
      with truth as (select * from ${truthSource}),
      run as (select * from ${runSource})
      select coalesce(truth.episode_id, run.episode_id) as episode_id,
        truth.episode_id is not null as in_truth,
        run.episode_id is not null as in_run,
        case when truth.episode_id is null then '(none)' else coalesce(truth.course_status, '') end as expected_status,
        ${scenario} as scenario,
        unnest([${cells}]) as c
      from truth full outer join run on truth.episode_id = run.episode_id`);
    await db.run(`create table diff as
      with compared as (
        select episode_id, c.name as column_name,
          case when in_truth then c.expected else '(none)' end as expected,
          case when in_run then c.actual else '(none)' end as actual,
          scenario
        from cell
      )
      select * from compared where expected <> actual`);
    const totals = await db.one<{ truth_episodes: string; run_episodes: string; episodes: string; matched: string }>(
      `select count(distinct episode_id) filter (where in_truth) as truth_episodes,
         count(distinct episode_id) filter (where in_run) as run_episodes,
         count(distinct episode_id) as episodes,
         count(distinct episode_id) filter (where in_truth and episode_id not in (select episode_id from diff)) as matched from cell`,
    );
    const statuses = await db.all<{ status: string; count: string }>(
      `select expected_status as status, count(distinct episode_id) as count from cell where in_truth group by all order by all`,
    );
    const byColumn = await db.all<{ column_name: string; count: string }>(`select column_name, count(*) as count from diff group by all order by all`);
    // A missing or extra episode differs in every column: list it once, by its course_status.
    const mismatches = await db.all<CourseMismatch>(
      `select episode_id, column_name as "column", expected, actual, scenario from diff
       where column_name = 'course_status' or (expected <> '(none)' and actual <> '(none)')
       order by episode_id, column_name limit $limit`,
      { limit },
    );
    return {
      truthEpisodes: Number(totals?.truth_episodes ?? 0),
      runEpisodes: Number(totals?.run_episodes ?? 0),
      episodes: Number(totals?.episodes ?? 0),
      matched: Number(totals?.matched ?? 0),
      statuses: Object.fromEntries(statuses.map((row) => [row.status, Number(row.count)])),
      byColumn: Object.fromEntries(byColumn.map((row) => [row.column_name, Number(row.count)])),
      mismatches,
    };
  });
}

/** The columns of `relation`, lower-cased; a UsageError naming `file` when it is unreadable or lacks a course column. */
async function requireColumns(db: Db, relation: string, file: string, what: string): Promise<string[]> {
  let present: string[];
  try {
    present = (await db.all<{ column_name: string }>(`describe select * from ${relation}`)).map((row) => row.column_name.toLowerCase());
  } catch (error) {
    throw new UsageError(`${file}: not readable (${(error as Error).message.split('\n')[0]})`);
  }
  const missing = ['episode_id', ...courseColumns].filter((name) => !present.includes(name));
  if (missing.length > 0) throw new UsageError(`${file}: missing column ${missing.join(', ')} (${what})`);
  return present;
}

/**
 * The course agreement as text: a count line, one line of mismatching cells per column (contract
 * order) and the first differences, one line each.
 */
export function formatCourseAgreement(agreement: CourseAgreement): string {
  const lines = [
    `course agreement: ${agreement.matched} of ${agreement.truthEpisodes} truth episodes agree on every docs/rules.md §8 column ` +
      `(run ${agreement.runEpisodes} episodes); expected statuses ${JSON.stringify(agreement.statuses)}`,
  ];
  // One line for the counts, so the report stays short when a missing episode differs in every column.
  const counts = courseColumns.filter((column) => agreement.byColumn[column] !== undefined).map((column) => `${column} ${agreement.byColumn[column]}`);
  if (counts.length > 0) lines.push(`mismatching cells per column: ${counts.join(', ')}`);
  if (agreement.mismatches.length > 0) lines.push('first differing (episode, column):');
  for (const row of agreement.mismatches) {
    const scenario = row.scenario ? `  [${row.scenario}]` : '';
    if (row.actual === '(none)') lines.push(`  ${row.episode_id}: missing from the run (every column; truth course_status '${row.expected}')${scenario}`);
    else if (row.expected === '(none)') lines.push(`  ${row.episode_id}: not in the truth (every column; run course_status '${row.actual}')`);
    else lines.push(`  ${row.episode_id} ${row.column}: expected '${row.expected}', got '${row.actual}'${scenario}`);
  }
  return lines.join('\n');
}
