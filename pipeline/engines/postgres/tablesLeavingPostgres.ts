/**
 * The tables the writers and reports read (writeTables.ts, writeEpisodes.ts, reports/, --fail-if),
 * all episode-level or smaller: they leave PostgreSQL (runPostgres.ts); the event-level tables stay
 * there. In a file of its own so `caregap explain --engine postgres`, and so the CLI that registers
 * it, names them without loading the pg driver.
 */
export const tablesLeavingPostgres = [
  'patient_gaps',
  'episode_export',
  'therapy_course',
  'run_params',
  'rule_catalog',
  'value_set_code',
  'load_reject',
] as const;
