import { courseColumns } from '../../pipeline/rules/episodeExportColumns.js';
import { courseTruthColumns } from './courseTruthColumns.js';
import { stagedSelect } from './stagedSelect.js';

/** One episode's expected course columns (courseTruthColumns.ts), empty where docs/rules.md §8 leaves them empty. */
function episodeCourse(n: number): string {
  const p = `e${n}_`;
  const started = `${p}course_status in ('no_follow_up', 'complete', 'censored')`;
  const measured = `${p}course_status in ('complete', 'censored')`;
  const onlyIf = (condition: string, expr: string): string => `case when ${condition} then ${expr} end`;
  const discontinued = `${p}cdisc_n is not null`;
  const columns: Record<(typeof courseColumns)[number], string> = {
    course_status: `${p}course_status`,
    therapy_start_date: onlyIf(started, `${p}cs0`),
    first_ingredient: onlyIf(started, `case when ${p}a_drug = 'zoledronic' then 'zoledronic acid' else ${p}a_drug end`),
    ingredients: onlyIf(measured, `array_to_string(${p}cings, '+')`),
    new_user: onlyIf(started, `${p}cnew`),
    follow_up_end_date: onlyIf(started, `${p}ce`),
    censor_reason: onlyIf(started, `${p}ccensor`),
    follow_up_days: onlyIf(started, `${p}cfud`),
    outpatient_days: onlyIf(started, `${p}co`),
    covered_days: onlyIf(measured, `${p}ccov`),
    pdc: onlyIf(measured, `printf('%d.%04d', ${p}cpdc4 // 10000, ${p}cpdc4 % 10000)`),
    adherent: onlyIf(measured, `5 * ${p}ccov >= 4 * ${p}co`),
    discontinued: onlyIf(measured, discontinued),
    discontinuation_date: onlyIf(measured, `${p}cdisc`),
    persistence_days: onlyIf(measured, `case when ${discontinued} then ${p}cdisc - ${p}cs0 else ${p}ce - ${p}cs0 + 1 end`),
    switched: onlyIf(measured, `len(${p}cings) > 1`),
  };
  const scenario = `concat_ws(';', 'a=' || ${p}a, 'course=' || ${p}cf, 'fills=' || len(${p}cfills), case when ${p}cst_on then 'stay' end,
    case when ${p}cpri <> 'none' then 'prior=' || ${p}cpri end, 'death=' || death_cat, 'enr=' || enr_cat)`;
  // Only started courses need the closed forms: the others are computed from a plain scan.
  const judged = `${p}episode_exclusion is null and ${p}con`;
  const plain = `case when ${p}episode_exclusion is null then 'not_started' end as ${p}course_status`;
  const select = (source: string): string => `select person_id || ':' || strftime(${p}idx, '%Y-%m-%d') as episode_id,
  ${Object.entries(columns).map(([name, expr]) => `${expr} as ${name}`).join(',\n  ')},
  case when ${p}con then ${scenario} end as scenario
from ${source}`;
  return `${select(stagedSelect(`(select * from person_plan where ${p}on and ${judged})`, courseTruthColumns(n)))}
union all
select person_id || ':' || strftime(${p}idx, '%Y-%m-%d') as episode_id, ${plain.replace(` as ${p}course_status`, ' as course_status')},
  ${courseColumns.slice(1).map((name) => `null as ${name}`).join(', ')},
  case when ${p}con then ${scenario} end as scenario
from person_plan where ${p}on and not (${judged})`;
}

/**
 * The query behind truth_episodes.csv: per episode, the therapy course columns of episodes.csv
 * (docs/rules.md §8) expected from the planted scenario (never by running the pipeline), sorted by
 * episode_id, then `scenario`, the planted course family, for reading mismatches. The 0.80 adherence
 * threshold, 60 permissible gap days and 365 course days are the defaults; other run settings need
 * another truth. Booleans are true/false, pdc has exactly 4 decimals, dates are YYYY-MM-DD, and a
 * column §8 does not compute for the episode is empty.
 */
export function truthEpisodesQuery(): string {
  return `select * from (${episodeCourse(1)}\nunion all\n${episodeCourse(2)})\norder by episode_id`;
}
