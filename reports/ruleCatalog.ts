/** The rule statuses of docs/rules.md §3, in report order. */
export const STATUSES = ['open', 'closed', 'prospective', 'excluded', 'not_applicable'] as const;

/** One of the §3 statuses. */
export type Status = (typeof STATUSES)[number];

/** The rules the reports know, in report order, with the title shown to readers. */
export const RULES = [
  { ruleId: 'untreated-12m', title: 'No osteoporosis drug therapy within 12 months' },
  { ruleId: 'calcium-vitamin-d', title: 'Missing calcium or vitamin D' },
  { ruleId: 'early-augmentation', title: 'Vertebral augmentation before 3 months of conservative care' },
] as const;

/** Episode exclusions (§2) then person-window exclusions (§3), in the order docs/rules.md §2-§3 applies them. */
export const EXCLUSION_ORDER = ['unknown_age', 'age_under_min', 'malignancy', 'died', 'not_enrolled'] as const;

/** Exclusion reasons that apply to every rule (§2); the others only to the rules that use them. */
export const EPISODE_EXCLUSIONS: readonly string[] = ['unknown_age', 'age_under_min', 'malignancy'];

/** Person-window exclusions (§3) apply to rules A and B only. */
export const PERSON_WINDOW_RULES: readonly string[] = ['untreated-12m', 'calcium-vitamin-d'];

/** Days since fracture at which rule A reports the cumulative share treated. */
export const TREATED_BY_DAYS = [30, 90, 180, 365] as const;

/** Title of a rule id; the id itself for rules the catalog does not know. */
export function ruleTitle(ruleId: string): string {
  return RULES.find((rule) => rule.ruleId === ruleId)?.title ?? ruleId;
}

/** Report order of rule ids: known rules first, in catalog order, then the rest alphabetically. */
export function compareRuleIds(a: string, b: string): number {
  const rank = (id: string): number => {
    const index = RULES.findIndex((rule) => rule.ruleId === id);
    return index === -1 ? RULES.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}
