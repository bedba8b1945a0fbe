import { episodeAttributeColumns } from './ruleResultColumns.js';

/** The therapy-course columns of episodes.csv, in order (docs/contracts.md; docs/rules.md §8). */
export const courseColumns = [
  'course_status',
  'therapy_start_date',
  'first_ingredient',
  'ingredients',
  'new_user',
  'follow_up_end_date',
  'censor_reason',
  'follow_up_days',
  'outpatient_days',
  'covered_days',
  'pdc',
  'adherent',
  'discontinued',
  'discontinuation_date',
  'persistence_days',
  'switched',
] as const;

/** The episode columns that open episodes.csv, in order (docs/contracts.md). */
export const episodeColumns = [
  ...episodeAttributeColumns,
  'death_date',
  'episode_exclusion',
] as const;

/**
 * The columns of episodes.csv / episodes.parquet, in order (docs/contracts.md, Outputs): the
 * episode, then `<rule>_status`, `<rule>_reason`, `<rule>_evidence_date` per rule in pack order
 * (the rule id's dashes as underscores), then the therapy course.
 */
export function episodeExportColumns(ruleIds: readonly string[]): string[] {
  const ruleColumns = ruleIds.flatMap((id) => {
    const prefix = id.replaceAll('-', '_');
    return [`${prefix}_status`, `${prefix}_reason`, `${prefix}_evidence_date`];
  });
  return [...episodeColumns, ...ruleColumns, ...courseColumns];
}
