import type { Db } from '../db.js';
import type { RuleParams } from '../params.js';
import { replaceEmptyTable } from './replaceTable.js';

/**
 * The as_of date a run uses: the given one, else the latest event date in the input
 * (canonical_latest_event_date, the latest clinical_event.event_date, which claims loads compute from
 * their line tables; and inpatient_stay.admission_date), else today when the input is empty.
 * Implausible dates (after the run date, before 1900) never reach these tables: the loaders reject
 * them (docs/canonical-tables.md, "Implausible dates"), so one 9999-12-31 cannot move the default.
 */
export async function resolveAsOf(db: Db, asOf: string | null): Promise<string> {
  if (asOf !== null) return asOf;
  const row = await db.one<{ as_of: string }>(`
    select coalesce(max(latest_date), current_date) as as_of
    from (
        select latest_date from canonical_latest_event_date
        union all
        select max(admission_date) from inpatient_stay
    ) as latest`);
  return row?.as_of ?? new Date().toISOString().slice(0, 10);
}

/**
 * Creates the one-row `run_params` table every SQL pass joins to: as_of (resolved), min_age,
 * episode_gap_days, conservative_care_days, calcium_min_mg, vitamin_d_min_iu, level,
 * course_days, permissible_gap_days, adherence_threshold (an exact decimal, docs/rules.md §8),
 * value_set_version, value_set_hash.
 */
export async function createRunParams(
  db: Db,
  params: RuleParams,
  asOf: string,
  valueSet: { version: string; hash: string },
): Promise<void> {
  // A typed table, then one insert: PostgreSQL takes no bound parameters in `create table ... as`.
  await replaceEmptyTable(
    db,
    'run_params',
    `as_of date, min_age integer, episode_gap_days integer, conservative_care_days integer,
     calcium_min_mg double precision, vitamin_d_min_iu double precision, level varchar,
     course_days integer, permissible_gap_days integer, adherence_threshold decimal(9, 6),
     value_set_version varchar, value_set_hash varchar`,
  );
  await db.run(
    `insert into run_params
     select
         cast($as_of as date),
         cast($min_age as integer),
         cast($episode_gap_days as integer),
         cast($conservative_care_days as integer),
         cast($calcium_min_mg as double precision),
         cast($vitamin_d_min_iu as double precision),
         cast($level as varchar),
         cast($course_days as integer),
         cast($permissible_gap_days as integer),
         cast($adherence_threshold as decimal(9, 6)),
         cast($value_set_version as varchar),
         cast($value_set_hash as varchar)`,
    {
      as_of: asOf,
      min_age: params.minAge,
      episode_gap_days: params.episodeGapDays,
      conservative_care_days: params.conservativeCareDays,
      calcium_min_mg: params.calciumMinMg,
      vitamin_d_min_iu: params.vitaminDMinIu,
      level: params.level,
      course_days: params.courseDays,
      permissible_gap_days: params.permissibleGapDays,
      // As text, so the decimal is exact (0.8, not the double nearest to it).
      adherence_threshold: String(params.adherenceThreshold),
      value_set_version: valueSet.version,
      value_set_hash: valueSet.hash,
    },
  );
}
