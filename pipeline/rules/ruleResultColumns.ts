/** The columns, in order, a rule's last pass must produce (one row per judged episode). */
export const ruleResultColumns = [
  'episode_id',
  'status',
  'reason',
  'evidence_date',
  'evidence_code',
  'days_to_event',
  'due_date',
] as const;

/** Status names (docs/rules.md §3, after Da Vinci DEQM gap statuses). */
export const ruleStatuses = ['open', 'closed', 'prospective', 'excluded', 'not_applicable'] as const;

/** The episode columns that open both patient_gaps and episodes.csv, in order (docs/contracts.md). */
export const episodeAttributeColumns = [
  'person_id',
  'episode_id',
  'index_date',
  'fracture_level',
  'age_at_index',
  'sex',
  'site',
  'payer',
] as const;

/**
 * The columns of `patient_gaps`, in order (docs/contracts.md, Outputs). evidence_display (the
 * value set's display text of evidence_code) is appended last: existing columns keep their place.
 */
export const patientGapColumns = [
  ...episodeAttributeColumns,
  'rule_id',
  'status',
  'reason',
  'evidence_date',
  'evidence_code',
  'days_to_event',
  'due_date',
  'evidence_display',
] as const;
