/**
 * The change categories of `caregap diff`, in the order they are tried: an (episode, rule) gets
 * the first that applies (docs/contracts.md, caregap diff).
 */
export const diffChanges = [
  'new_episode',
  'no_longer_present',
  'newly_open',
  'closed_since',
  'still_open',
  'still_prospective',
  'became_excluded',
  'other_change',
  'unchanged',
] as const;

export type DiffChange = (typeof diffChanges)[number];

/** The columns of diff.csv, in order. */
export const diffColumns = [
  'person_id',
  'episode_id',
  'site',
  'rule_id',
  'previous_status',
  'current_status',
  'previous_reason',
  'current_reason',
  'change',
] as const;
