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

/** True when the run made an episode_course table or view (it does not when the §8 passes did not run). */
export async function hasEpisodeCourse(db: Db): Promise<boolean> {
  const row = await db.one<{ found: boolean }>(
    `select count(*) > 0 as found from information_schema.tables where table_name = $name`,
    { name: EPISODE_COURSE_TABLE },
  );
  return row?.found === true;
}

/** Working table: complete courses counted by ingredient, new_user, adherent, pdc and pdc bin. */
const ADHERENCE_CELLS = 'course_report_adherence_cells';

/** Working table: episodes with a course_status counted by status, ingredient, new_user, discontinued, persistence_days. */
const PERSISTENCE_CELLS = 'course_report_persistence_cells';

/** Grouping sets of docs/rules.md §8: overall, by first_ingredient, by new_user; `extra` is added to each. */
function groupingSets(extra: string): string {
  const sets = ['', 'first_ingredient', 'new_user'].map((columns) => `(${[columns, extra].filter(Boolean).join(', ')})`);
  return `grouping sets (${sets.join(', ')})`;
}

/** Dimension and level of a grouping-sets row (grouping() sets a bit for each column not grouped on). */
const DIMENSION_SQL = `
      case grouping(first_ingredient, new_user) when 3 then 'all' when 1 then 'first_ingredient' else 'new_user' end as dimension,
      case grouping(first_ingredient, new_user) when 3 then 'all' when 1 then first_ingredient else new_user end as level`;

/**
 * The therapy-course aggregates of docs/rules.md §8, before suppression, or undefined when there is no
 * episode_course table. Set-based: episode_course is scanned twice (each a group-by into a small temporary
 * table of cells: adherence cells of complete courses, persistence cells of every course); everything else groups those cells, and what comes back
 * is at most one row per (group, distinct persistence_days). Quartiles of pdc follow DuckDB's
 * quantile_cont (linear interpolation between order statistics, Hyndman-Fan type 7, R's default),
 * computed from counts by distinct pdc so no per-course sort is needed.
 * Throws, naming the column and the count, when a column is missing or a complete or censored course
 * lacks a value the aggregates need (never a person or episode id).
 */
export async function readCourseAggregates(db: Db): Promise<RawCourseAggregates | undefined> {
  if (!(await hasEpisodeCourse(db))) return undefined;
  const columns = new Set((await db.columns(EPISODE_COURSE_TABLE)).map((name) => name.toLowerCase()));
  const missing = EPISODE_COURSE_COLUMNS.filter((name) => !columns.has(name));
  if (missing.length > 0) throw new Error(`${EPISODE_COURSE_TABLE}: missing column(s) ${missing.join(', ')}`);
  // Booleans may arrive as BOOLEAN or as 'true'/'false' text: read both through text (on the grouped rows only).
  const truth = (column: string): string => `lower(cast(${column} as varchar)) = 'true'`;

  // Two scans, each one group-by on raw values into a handful of cells; labels and casts then touch
  // only the cells. (Measured: faster than one scan with two grouping sets.)
  await db.run(`
    create or replace temp table ${ADHERENCE_CELLS} as
    -- docs/rules.md §8: pdc and adherence over complete courses.
    with complete_courses as (
      select
        first_ingredient,
        new_user,
        adherent,
        pdc,
        -- Bin of the exact ratio covered / outpatient days (not of the rounded pdc): the bins at and
        -- above a threshold that is a multiple of 0.1 then add up to the adherent count. 1.0 is bin 10 here.
        case when outpatient_days > 0 and covered_days between 0 and outpatient_days
          then (covered_days::bigint * $bins) // outpatient_days end as pdc_bin,
        count(*) as courses
      from ${EPISODE_COURSE_TABLE}
      where course_status = 'complete'
      group by all
    ),

    final as (
      select
        coalesce(first_ingredient, '(missing)') as first_ingredient,
        coalesce(lower(cast(new_user as varchar)), '(missing)') as new_user,
        ${truth('adherent')} as is_adherent,
        pdc,
        pdc_bin,
        courses
      from complete_courses
    )

    select * from final
  `, { bins: PDC_BINS });
  await db.run(`
    create or replace temp table ${PERSISTENCE_CELLS} as
    with courses as (
      select course_status, first_ingredient, new_user, discontinued, persistence_days, count(*) as courses
      from ${EPISODE_COURSE_TABLE}
      where course_status is not null
      group by all
    ),

    final as (
      select
        course_status,
        -- docs/rules.md §8: persistence over every started course with follow-up (complete or censored).
        course_status in ('complete', 'censored') as is_followed,
        coalesce(first_ingredient, '(missing)') as first_ingredient,
        coalesce(lower(cast(new_user as varchar)), '(missing)') as new_user,
        ${truth('discontinued')} as is_discontinued,
        persistence_days,
        courses
      from courses
    )

    select * from final
  `);
  try {
    await checkCompleteness(db);
    return await aggregateCells(db);
  } finally {
    await db.run(`drop table if exists ${ADHERENCE_CELLS}; drop table if exists ${PERSISTENCE_CELLS}`);
  }
}

/** Groups the course cells into the per-group counts, quartiles, Kaplan-Meier input and pdc bins. */
async function aggregateCells(db: Db): Promise<RawCourseAggregates> {
  const statusRows = await db.all<{ course_status: string; courses: number }>(`
    select course_status, sum(courses)::integer as courses
    from ${PERSISTENCE_CELLS}
    group by course_status
  `);
  const statusCounts = Object.fromEntries(COURSE_STATUSES.map((status) => [status, 0])) as Record<CourseStatus, number>;
  for (const row of statusRows) {
    if (!(COURSE_STATUSES as readonly string[]).includes(row.course_status)) {
      throw new Error(`${EPISODE_COURSE_TABLE}: unknown course_status '${row.course_status}' (expected ${COURSE_STATUSES.join(', ')})`);
    }
    statusCounts[row.course_status as CourseStatus] = row.courses;
  }
  const groupRows = await db.all<{ dimension: CourseDimension; level: string; complete: number; adherent: number; with_follow_up: number }>(`
    select
      ${DIMENSION_SQL},
      coalesce(sum(courses) filter (where course_status = 'complete'), 0)::integer as complete,
      coalesce(sum(courses) filter (where course_status = 'complete' and is_adherent), 0)::integer as adherent,
      coalesce(sum(courses), 0)::integer as with_follow_up
    from (
      select 'complete' as course_status, first_ingredient, new_user, is_adherent, courses from ${ADHERENCE_CELLS}
      union all
      select 'censored', first_ingredient, new_user, null, courses from ${PERSISTENCE_CELLS} where course_status = 'censored'
    ) as followed
    group by ${groupingSets('')}
  `);
  const quartileRows = await db.all<{ dimension: CourseDimension; level: string; q1: number; median: number; q3: number }>(`
    with pdc_counts as (
      select ${DIMENSION_SQL}, pdc, sum(courses) as courses
      from ${ADHERENCE_CELLS}
      group by ${groupingSets('pdc')}
    ),

    cumulative as (
      select
        *,
        sum(courses) over (partition by dimension, level order by pdc rows between unbounded preceding and current row)::bigint as courses_up_to,
        sum(courses) over (partition by dimension, level)::bigint as total
      from pdc_counts
    ),

    -- Type 7: h = (n - 1) p; the value at 0-based rank k is the smallest pdc with more than k courses up to it;
    -- the quantile interpolates between the values at ranks floor(h) and ceil(h).
    ranks as (
      select
        dimension,
        level,
        p,
        (any_value(total) - 1) * p as h,
        min(pdc) filter (where courses_up_to > floor((total - 1) * p))::double as below,
        min(pdc) filter (where courses_up_to > ceil((total - 1) * p))::double as above
      from cumulative
      cross join (select unnest([0.25, 0.5, 0.75]::double[]) as p) as probabilities
      group by dimension, level, p
    ),

    final as (
      select
        dimension,
        level,
        max(below + (h - floor(h)) * (above - below)) filter (where p = 0.25) as q1,
        max(below + (h - floor(h)) * (above - below)) filter (where p = 0.5) as median,
        max(below + (h - floor(h)) * (above - below)) filter (where p = 0.75) as q3
      from ranks
      group by dimension, level
    )

    select * from final
  `);
  const timeRows = await db.all<{ dimension: CourseDimension; level: string; time: number; events: number; censored: number }>(`
    -- docs/rules.md §8: event = discontinued at persistence_days; otherwise censored at persistence_days.
    select
      ${DIMENSION_SQL},
      persistence_days::integer as time,
      coalesce(sum(courses) filter (where is_discontinued), 0)::integer as events,
      coalesce(sum(courses) filter (where not is_discontinued), 0)::integer as censored
    from ${PERSISTENCE_CELLS}
    where is_followed
    group by ${groupingSets('persistence_days')}
    order by dimension, level, time
  `);
  const binRows = await db.all<{ bin: number; courses: number }>(
    `
    select least(pdc_bin, $bins - 1)::integer as bin, sum(courses)::integer as courses
    from ${ADHERENCE_CELLS}
    group by all
  `,
    { bins: PDC_BINS },
  );

  const key = (row: { dimension: string; level: string }): string => `${row.dimension}\u0000${row.level}`;
  const times = new Map<string, PersistenceTime[]>();
  for (const row of timeRows) {
    const list = times.get(key(row)) ?? [];
    list.push({ time: row.time, events: row.events, censored: row.censored });
    times.set(key(row), list);
  }
  const quartiles = new Map(quartileRows.map((row) => [key(row), { q1: row.q1, median: row.median, q3: row.q3 }]));
  const groups: RawCourseGroup[] = groupRows.map((row) => ({
    dimension: row.dimension,
    level: row.level,
    complete: row.complete,
    adherent: row.adherent,
    pdcQuartiles: quartiles.get(key(row)) ?? null,
    withFollowUp: row.with_follow_up,
    persistence: times.get(key(row)) ?? [],
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

/** A complete or censored course must carry what the aggregates read; say how many do not, and which value. */
async function checkCompleteness(db: Db): Promise<void> {
  const row = await db.one<Record<string, number>>(`
    select
      (select coalesce(sum(courses), 0) from ${PERSISTENCE_CELLS} where is_followed and persistence_days is null)::integer as persistence_days,
      (select coalesce(sum(courses), 0) from ${PERSISTENCE_CELLS} where is_followed and is_discontinued is null)::integer as discontinued,
      (select coalesce(sum(courses), 0) from ${ADHERENCE_CELLS} where pdc is null)::integer as pdc,
      (select coalesce(sum(courses), 0) from ${ADHERENCE_CELLS} where is_adherent is null)::integer as adherent,
      (select coalesce(sum(courses), 0) from ${ADHERENCE_CELLS} where pdc_bin is null)::integer as "covered_days and outpatient_days"
  `);
  const problems = Object.entries(row ?? {}).filter(([, count]) => count > 0);
  if (problems.length > 0) {
    throw new Error(
      `${EPISODE_COURSE_TABLE}: courses with follow-up lack values the aggregates need: ` +
        problems.map(([column, count]) => `${count} with no valid ${column}`).join(', '),
    );
  }
}
