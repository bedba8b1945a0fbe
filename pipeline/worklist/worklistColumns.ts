/**
 * The columns of worklist.csv, in order (docs/contracts.md, Outputs: worklist.csv). The first eight
 * are the contract's; the rest say what was last seen and who the patient is. A column is added
 * by naming it here and selecting it in buildWorklist.ts.
 */
export const worklistColumns = [
  'person_id',
  'site',
  'rule_id',
  'status',
  'reason',
  'index_date',
  'due_date',
  'days_until_due',
  'last_evidence_date',
  'last_evidence_code',
  'last_evidence_display',
  'age_at_index',
  'sex',
  'fracture_level',
  'episode_id',
] as const;

/** The rules whose gaps someone can still act on: A and B (never C, whose procedure has happened). */
export const worklistRules = ['untreated-12m', 'calcium-vitamin-d'] as const;

/**
 * The worklist order: site (persons without a site last), open rows before prospective ones, due
 * date (open rows have none), then person, rule and index date so the order is total.
 */
export const worklistOrder =
  `site asc nulls last, case status when 'open' then 0 else 1 end, due_date asc nulls first, person_id, rule_id, index_date`;
