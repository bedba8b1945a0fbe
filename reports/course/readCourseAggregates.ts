import type { Db } from '../../pipeline/db.js';
import {
  COURSE_STATUSES,
  PDC_BINS,
  type CourseDimension,
  type CourseStatus,
  type PersistenceTime,
  type RawCourseAggregates,
  type RawCourseGroup,
} from './rawCourseAggregates.js';

/** The table the course aggregates read (the run materialises the §8 passes under this name). */
export const EPISODE_COURSE_TABLE = 'episode_course';

/** Columns readCourseAggregates needs; any other column of the table is ignored. */
export const EPISODE_COURSE_COLUMNS = [
  'episode_id',
  'course_status',
  'first_ingredient',
  'new_user',
  'covered_days',
  'outpatient_days',
  'pdc',
  'adherent',
  'discontinued',
  'persistence_days',
] as const;

/**
 * Import CTE shared by every query: the columns used, booleans cast (they may arrive as 'true'/'false'
 * text), and the three groupings stacked (overall, by first_ingredient, by new_user), so each
 * aggregate is one group-by. Episodes with an empty course_status (an episode exclusion, §2) drop out.
 */
const GROUPED_COURSES = `
  with courses as (
    select
      course_status,
      first_ingredient,
      lower(cast(new_user as varchar)) as new_user,
      covered_days::integer as covered_days,
      outpatient_days::integer as outpatient_days,
      pdc::double as pdc,
      cast(adherent as boolean) as is_adherent,
      cast(discontinued as boolean) as is_discontinued,
      persistence_days::integer as persistence_days
    from ${EPISODE_COURSE_TABLE}
    where course_status is not null
  ),

  -- docs/rules.md §8: the aggregates are reported overall, by first_ingredient and by new_user.
  grouped as (
    select 'all' as dimension, 'all' as level, * from courses
    union all
    select 'first_ingredient' as dimension, coalesce(first_ingredient, '(missing)') as level, * from courses
    union all
    select 'new_user' as dimension, coalesce(new_user, '(missing)') as level, * from courses
  ),

  -- docs/rules.md §8: pdc and adherence over complete courses; persistence over complete and censored ones.
  followed as (
    select * from grouped where course_status in ('complete', 'censored')
  )
`;

/** True when the run made an episode_course table or view (it does not when the §8 passes did not run). */
export async function hasEpisodeCourse(db: Db): Promise<boolean> {
  const row = await db.one<{ found: boolean }>(
    `select count(*) > 0 as found from information_schema.tables where table_name = $name`,
    { name: EPISODE_COURSE_TABLE },
  );
  return row?.found === true;
}

/**
 * The therapy-course aggregates of docs/rules.md §8, before suppression, or undefined when there is no
 * episode_course table. Set-based: every query groups in DuckDB; what comes back is at most one row
 * per (group, distinct persistence_days), a few thousand rows at most. Quartiles of pdc are DuckDB's
 * quantile_cont (linear interpolation between order statistics, Hyndman-Fan type 7, R's default).
 * Throws, naming the column or the count, when a column is missing or a complete or censored course
 * lacks a value the aggregates need (never a person or episode id).
 */
export async function readCourseAggregates(db: Db): Promise<RawCourseAggregates | undefined> {
  if (!(await hasEpisodeCourse(db))) return undefined;
  const columns = new Set((await db.columns(EPISODE_COURSE_TABLE)).map((name) => name.toLowerCase()));
  const missing = EPISODE_COURSE_COLUMNS.filter((name) => !columns.has(name));
  if (missing.length > 0) throw new Error(`${EPISODE_COURSE_TABLE}: missing column(s) ${missing.join(', ')}`);
  await checkCompleteness(db);

  const statusRows = await db.all<{ course_status: string; courses: number }>(`
    select course_status, count(*)::integer as courses
    from ${EPISODE_COURSE_TABLE}
    where course_status is not null
    group by course_status
  `);
  const statusCounts = Object.fromEntries(COURSE_STATUSES.map((status) => [status, 0])) as Record<CourseStatus, number>;
  for (const row of statusRows) {
    if (!(COURSE_STATUSES as readonly string[]).includes(row.course_status)) {
      throw new Error(`${EPISODE_COURSE_TABLE}: unknown course_status '${row.course_status}' (expected ${COURSE_STATUSES.join(', ')})`);
    }
    statusCounts[row.course_status as CourseStatus] = row.courses;
  }

  const groupRows = await db.all<{
    dimension: CourseDimension;
    level: string;
    complete: number;
    adherent: number;
    with_follow_up: number;
    pdc_q1: number | null;
    pdc_median: number | null;
    pdc_q3: number | null;
  }>(`${GROUPED_COURSES}
    select
      dimension,
      level,
      count(*) filter (where course_status = 'complete')::integer as complete,
      count(*) filter (where course_status = 'complete' and is_adherent)::integer as adherent,
      count(*)::integer as with_follow_up,
      quantile_cont(pdc, 0.25) filter (where course_status = 'complete') as pdc_q1,
      quantile_cont(pdc, 0.5) filter (where course_status = 'complete') as pdc_median,
      quantile_cont(pdc, 0.75) filter (where course_status = 'complete') as pdc_q3
    from followed
    group by dimension, level
  `);
  const timeRows = await db.all<{ dimension: CourseDimension; level: string; time: number; events: number; censored: number }>(`${GROUPED_COURSES}
    -- docs/rules.md §8: event = discontinued at persistence_days; otherwise censored at persistence_days.
    select
      dimension,
      level,
      persistence_days as time,
      count(*) filter (where is_discontinued)::integer as events,
      count(*) filter (where not is_discontinued)::integer as censored
    from followed
    group by dimension, level, persistence_days
    order by dimension, level, persistence_days
  `);
  const binRows = await db.all<{ bin: number; courses: number }>(
    `
    -- Bins of the exact ratio covered_days / outpatient_days (not of the rounded pdc), so that the
    -- bins at and above a threshold that is a multiple of 0.1 add up to the adherent count.
    select least((covered_days::bigint * $bins) // outpatient_days, $bins - 1)::integer as bin, count(*)::integer as courses
    from ${EPISODE_COURSE_TABLE}
    where course_status = 'complete'
    group by bin
  `,
    { bins: PDC_BINS },
  );

  const times = new Map<string, PersistenceTime[]>();
  for (const row of timeRows) {
    const key = `${row.dimension}\u0000${row.level}`;
    const list = times.get(key) ?? [];
    list.push({ time: row.time, events: row.events, censored: row.censored });
    times.set(key, list);
  }
  const groups: RawCourseGroup[] = groupRows.map((row) => ({
    dimension: row.dimension,
    level: row.level,
    complete: row.complete,
    adherent: row.adherent,
    pdcQuartiles: row.pdc_median === null ? null : { q1: row.pdc_q1!, median: row.pdc_median, q3: row.pdc_q3! },
    withFollowUp: row.with_follow_up,
    persistence: times.get(`${row.dimension}\u0000${row.level}`) ?? [],
  }));
  if (!groups.some((group) => group.dimension === 'all')) {
    groups.push({ dimension: 'all', level: 'all', complete: 0, adherent: 0, pdcQuartiles: null, withFollowUp: 0, persistence: [] });
  }
  const pdcHistogram = new Array<number>(PDC_BINS).fill(0);
  for (const row of binRows) pdcHistogram[row.bin] = row.courses;
  return { statusCounts, groups: groups.sort(compareGroups), pdcHistogram };
}

/** Overall first, then first_ingredient levels in byte order, then new users before prior users. */
function compareGroups(a: RawCourseGroup, b: RawCourseGroup): number {
  const order = (group: RawCourseGroup): number => ['all', 'first_ingredient', 'new_user'].indexOf(group.dimension);
  if (order(a) !== order(b)) return order(a) - order(b);
  if (a.dimension === 'new_user') {
    const rank = (level: string): number => (level === 'true' ? 0 : level === 'false' ? 1 : 2);
    return rank(a.level) - rank(b.level);
  }
  return a.level < b.level ? -1 : a.level > b.level ? 1 : 0;
}

/** A complete or censored course must carry what the aggregates read; say how many do not, and which column. */
async function checkCompleteness(db: Db): Promise<void> {
  const row = await db.one<Record<string, number>>(`
    select
      count(*) filter (where persistence_days is null)::integer as persistence_days,
      count(*) filter (where discontinued is null)::integer as discontinued,
      count(*) filter (where course_status = 'complete' and pdc is null)::integer as pdc,
      count(*) filter (where course_status = 'complete' and adherent is null)::integer as adherent,
      count(*) filter (where course_status = 'complete' and (outpatient_days is null or outpatient_days <= 0))::integer as outpatient_days,
      count(*) filter (where course_status = 'complete' and (covered_days is null or covered_days < 0 or covered_days > outpatient_days))::integer as covered_days
    from ${EPISODE_COURSE_TABLE}
    where course_status in ('complete', 'censored')
  `);
  const problems = Object.entries(row ?? {}).filter(([, count]) => count > 0);
  if (problems.length > 0) {
    throw new Error(
      `${EPISODE_COURSE_TABLE}: courses with follow-up lack values the aggregates need: ` +
        problems.map(([column, count]) => `${count} with no valid ${column}`).join(', '),
    );
  }
}
