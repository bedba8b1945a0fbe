import { withDb } from '../../pipeline/db.js';
import { quotedString } from '../../pipeline/sql.js';
import { courseColumns } from '../../sample-data/generator/truthEpisodesSql.js';

/** One §8 column (docs/rules.md §8) of one episode whose episodes.csv value differs from truth_episodes.csv. */
export type CourseMismatch = {
  episode_id: string;
  column: string;
  expected: string;
  actual: string;
  scenario: string;
};

/** The agreement of a run's episodes.csv with a generated truth_episodes.csv. */
export interface CourseAgreement {
  truthEpisodes: number;
  /** Episodes whose every §8 column agrees. */
  matched: number;
  /** Truth episodes by expected course_status. */
  statuses: Record<string, number>;
  /** Mismatching cells per column. */
  byColumn: Record<string, number>;
  mismatches: CourseMismatch[];
}

/**
 * Joins truth_episodes.csv with the run's episodes.csv on episode_id (full outer: a missing or extra
 * episode is a mismatch of every column) and compares the §8 columns as text (empty = empty).
 * Returns the count of mismatching cells per column and the first `limit` of them.
 */
export async function compareCourseWithTruth(truthCsv: string, episodesCsv: string, limit = 20): Promise<CourseAgreement> {
  return withDb({ threads: 2 }, async (db) => {
    const cells = courseColumns
      .map((column) => `{name: '${column}', expected: coalesce(truth.${column}, ''), actual: coalesce(run.${column}, '')}`)
      .join(',\n        ');
    await db.run(`create table cell as
      with truth as (select * from read_csv(${quotedString(truthCsv)}, all_varchar = true, header = true)),
      run as (select * from read_csv(${quotedString(episodesCsv)}, all_varchar = true, header = true))
      select coalesce(truth.episode_id, run.episode_id) as episode_id,
        truth.episode_id is not null as in_truth,
        case when truth.episode_id is null then '(none)' else coalesce(truth.course_status, '') end as expected_status,
        coalesce(truth.scenario, '') as scenario,
        unnest([${cells}]) as c,
        case when run.episode_id is null then '(none)' end as missing
      from truth full outer join run on truth.episode_id = run.episode_id`);
    await db.run(`create table diff as
      select episode_id, c.name as column_name, c.expected as expected, coalesce(missing, c.actual) as actual, scenario
      from cell where c.expected <> coalesce(missing, c.actual) or not in_truth`);
    const totals = await db.one<{ episodes: string; matched: string }>(
      `select count(distinct episode_id) filter (where in_truth) as episodes,
         count(distinct episode_id) filter (where in_truth and episode_id not in (select episode_id from diff)) as matched from cell`,
    );
    const statuses = await db.all<{ status: string; count: string }>(
      `select expected_status as status, count(distinct episode_id) as count from cell where in_truth group by all order by all`,
    );
    const byColumn = await db.all<{ column_name: string; count: string }>(`select column_name, count(*) as count from diff group by all order by all`);
    const mismatches = await db.all<CourseMismatch>(`select episode_id, column_name as "column", expected, actual, scenario from diff order by episode_id, column_name limit $limit`, { limit });
    return {
      truthEpisodes: Number(totals?.episodes ?? 0),
      matched: Number(totals?.matched ?? 0),
      statuses: Object.fromEntries(statuses.map((row) => [row.status, Number(row.count)])),
      byColumn: Object.fromEntries(byColumn.map((row) => [row.column_name, Number(row.count)])),
      mismatches,
    };
  });
}

/** The course agreement as text: counts, mismatching cells per column and the first differences. */
export function formatCourseAgreement(agreement: CourseAgreement): string {
  const lines = [
    `course agreement: ${agreement.matched} of ${agreement.truthEpisodes} episodes; expected statuses ${JSON.stringify(agreement.statuses)}`,
  ];
  if (Object.keys(agreement.byColumn).length > 0) lines.push(`mismatching cells per column: ${JSON.stringify(agreement.byColumn)}`);
  for (const row of agreement.mismatches) {
    lines.push(`  ${row.episode_id} ${row.column}: expected '${row.expected}', got '${row.actual}'  [${row.scenario}]`);
  }
  return lines.join('\n');
}
