import type { RuleParams } from '../params.js';

/** One column of the one-row `run_params` table and the RuleParams field it comes from. */
export interface RunParamColumn {
  column: string;
  key: keyof RuleParams;
  sqlType: 'date' | 'integer' | 'double' | 'decimal' | 'varchar';
  meaning: string;
}

/** The `run_params` columns every SQL pass may join to (docs/rules.md parameter names). */
export const runParamColumns: readonly RunParamColumn[] = [
  { column: 'as_of', key: 'asOf', sqlType: 'date', meaning: 'audit date; default: latest event date in the input (docs/rules.md §2)' },
  { column: 'min_age', key: 'minAge', sqlType: 'integer', meaning: 'minimum completed years at index (docs/rules.md §2)' },
  { column: 'episode_gap_days', key: 'episodeGapDays', sqlType: 'integer', meaning: 'days after an index date before a new episode can start (docs/rules.md §2)' },
  { column: 'conservative_care_days', key: 'conservativeCareDays', sqlType: 'integer', meaning: 'conservative care before augmentation (docs/rules.md §6)' },
  { column: 'calcium_min_mg', key: 'calciumMinMg', sqlType: 'double', meaning: 'calcium daily dose threshold, mg/day (docs/rules.md §5)' },
  { column: 'vitamin_d_min_iu', key: 'vitaminDMinIu', sqlType: 'double', meaning: 'vitamin D daily dose threshold, IU/day (docs/rules.md §5)' },
  { column: 'level', key: 'level', sqlType: 'varchar', meaning: 'restrict episodes to one fracture level; null = all (docs/rules.md §2)' },
  { column: 'course_days', key: 'courseDays', sqlType: 'integer', meaning: 'therapy course window from the start, days (docs/rules.md §8)' },
  { column: 'permissible_gap_days', key: 'permissibleGapDays', sqlType: 'integer', meaning: 'longest uncovered run that does not end the course (docs/rules.md §8)' },
  { column: 'adherence_threshold', key: 'adherenceThreshold', sqlType: 'decimal', meaning: 'adherent when covered_days >= this x outpatient_days (docs/rules.md §8)' },
];
