import type { JudgedCounts, RawRuleAggregates } from '../aggregates/rawAggregates.js';
import type { DisclosureEntry, DisclosureLine, DisclosureTable } from '../disclosure/disclosureTable.js';
import { EPISODE_EXCLUSIONS, EXCLUSION_ORDER, PERSON_WINDOW_RULES, STATUSES, TREATED_BY_DAYS } from '../ruleCatalog.js';
import type { AttritionInput } from '../types.js';

/** Keys of the counts of one rule in the disclosure table. */
export interface RuleKeys {
  episodes: string;
  status: (status: string) => string;
  judged: string;
  excluded: (reason: string) => string;
  /** Attrition steps in order, with the key of the count removed and of the count left. */
  attrition: Array<{ step: string; removed: string; remaining: string }>;
  rateRow: (group: string, level: string, column: 'open' | 'closed' | 'judged') => string;
  treatedBy: (day: number) => string;
}

/** The disclosure table of a whole report, and how to find each rule's counts in it. */
export interface ReportDisclosure {
  table: DisclosureTable;
  keys: Map<string, RuleKeys>;
}

/** Excluded reasons of a rule in attrition order: docs/rules.md §2 and §3 reasons that apply (0 when absent), then others. */
export function attritionReasons(rule: RawRuleAggregates): string[] {
  const known = EXCLUSION_ORDER.filter(
    (reason) => EPISODE_EXCLUSIONS.includes(reason) || PERSON_WINDOW_RULES.includes(rule.ruleId),
  ) as string[];
  const others = rule.excludedByReason.map((row) => row.reason).filter((reason) => !known.includes(reason));
  return [...known, ...others];
}

/**
 * Builds one disclosure table for every count of every report format: the attrition inputs, and per
 * rule the status counts, excluded reasons, attrition chain, strata, index months, time to therapy
 * and augmentation types, with every additive relation between them (row and column totals,
 * subtotals, attrition steps, cumulative counts). Counts that are equal by definition across rules
 * (the episodes, and an exclusion reason with the same count in every rule that has it) share one
 * key, so what one rule shows cannot undo what another hides.
 */
export function buildDisclosureTable(rules: readonly RawRuleAggregates[], attrition: AttritionInput): ReportDisclosure {
  const entries = new Map<string, DisclosureEntry>();
  const lines: DisclosureLine[] = [];
  const keys = new Map<string, RuleKeys>();
  // Tiers: 0 detail cells and attrition remainders, 1 exclusion reasons, 2 a rule's headline counts, 3 the episodes.
  const put = (key: string, value: number, published = true, tier = 0): void => {
    const existing = entries.get(key);
    if (existing && existing.value !== value) throw new Error(`disclosure: ${key} has two values ${existing.value} and ${value}`);
    entries.set(key, { value, published, tier: Math.max(tier, existing?.tier ?? 0) });
  };
  put('attrition:qualifying_diagnoses', attrition.qualifyingDiagnoses, true, 3);
  put('attrition:persons', attrition.personsWithQualifyingDiagnosis, true, 3);
  put('attrition:episodes', attrition.episodes, true, 3);

  const sharedReasons = sharedExclusionReasons(rules);
  for (const rule of rules) {
    const prefix = `rule:${rule.ruleId}:`;
    const episodes = STATUSES.reduce((sum, status) => sum + rule.statusCounts[status], 0);
    const episodesKey = episodes === attrition.episodes ? 'attrition:episodes' : `${prefix}episodes`;
    const status = (name: string): string => `${prefix}status:${name}`;
    const judged = `${prefix}judged`;
    const excludedCount = new Map(rule.excludedByReason.map((row) => [row.reason, row.count]));
    const excluded = (reason: string): string => (sharedReasons.has(reason) ? `excluded:${reason}` : `${prefix}excluded:${reason}`);
    const rateRow = (group: string, level: string, column: string): string => `${prefix}${group}:${level}:${column}`;
    const treatedBy = (day: number): string => `${prefix}treated_by:${day}`;

    put(episodesKey, episodes, true, 3);
    for (const name of STATUSES) put(status(name), rule.statusCounts[name], true, 2);
    put(judged, rule.statusCounts.open + rule.statusCounts.closed, true, 2);
    lines.push({ total: episodesKey, parts: STATUSES.map(status) });
    lines.push({ total: judged, parts: [status('open'), status('closed')] });

    const reasons = attritionReasons(rule);
    for (const reason of reasons) put(excluded(reason), excludedCount.get(reason) ?? 0, true, 1);
    lines.push({ total: status('excluded'), parts: reasons.map(excluded) });

    const steps = [...reasons.map((reason) => ({ step: reason, removed: excluded(reason) }))];
    steps.push({ step: 'not_applicable', removed: status('not_applicable') });
    steps.push({ step: 'prospective', removed: status('prospective') });
    const chain: RuleKeys['attrition'] = [];
    let previous = episodesKey;
    let left = episodes;
    steps.forEach((step, index) => {
      left -= entries.get(step.removed)!.value;
      const remaining = index === steps.length - 1 ? judged : `${prefix}remaining:${step.step}`;
      // Earlier remainders are cheaper to hide: a cascade along the chain then runs back to the
      // exclusion counts (often hidden already) instead of forward into the judged episodes.
      put(remaining, left, true, remaining === judged ? 2 : index / 100);
      lines.push({ total: previous, parts: [step.removed, remaining] });
      chain.push({ step: step.step, removed: step.removed, remaining });
      previous = remaining;
    });

    const addRateTable = (group: string, rows: ReadonlyArray<JudgedCounts & { level: string }>): void => {
      for (const row of rows) {
        put(rateRow(group, row.level, 'open'), row.open);
        put(rateRow(group, row.level, 'closed'), row.closed);
        put(rateRow(group, row.level, 'judged'), row.open + row.closed);
        lines.push({ total: rateRow(group, row.level, 'judged'), parts: [rateRow(group, row.level, 'open'), rateRow(group, row.level, 'closed')] });
      }
      for (const [column, total] of [['open', status('open')], ['closed', status('closed')], ['judged', judged]] as const) {
        const sum = rows.reduce((acc, row) => acc + (column === 'judged' ? row.open + row.closed : row[column]), 0);
        if (sum !== entries.get(total)!.value) {
          throw new Error(`disclosure: ${group} of ${rule.ruleId} sums ${column} to ${sum}, not ${entries.get(total)!.value}`);
        }
        lines.push({ total, parts: rows.map((row) => rateRow(group, row.level, column)) });
      }
    };
    const dimensions = [...new Set(rule.strata.map((row) => row.dimension))];
    for (const dimension of dimensions) {
      addRateTable(`strata:${dimension}`, rule.strata.filter((row) => row.dimension === dimension));
    }
    if (rule.indexMonths.length > 0) addRateTable('month', rule.indexMonths.map((row) => ({ ...row, level: row.month })));
    if (rule.augmentation) addRateTable('augmentation', rule.augmentation.map((row) => ({ ...row, level: row.procedureType })));

    if (rule.timeToTherapy) {
      // Cumulative counts: the increments between them and what is left untreated are derived
      // counts a reader could compute, so they are protected too (unpublished entries).
      let previousTreated: string | undefined;
      for (const { day, treated } of rule.timeToTherapy.treatedByDay) {
        put(treatedBy(day), treated);
        put(`${prefix}untreated_by:${day}`, rule.statusCounts.open + rule.statusCounts.closed - treated, false);
        lines.push({ total: judged, parts: [treatedBy(day), `${prefix}untreated_by:${day}`] });
        if (previousTreated !== undefined) {
          const increment = `${prefix}treated_between:${day}`;
          put(increment, treated - entries.get(previousTreated)!.value, false);
          lines.push({ total: treatedBy(day), parts: [previousTreated, increment] });
        }
        previousTreated = treatedBy(day);
      }
      const last = TREATED_BY_DAYS[TREATED_BY_DAYS.length - 1]!;
      const rest = `${prefix}treated_after:${last}`;
      put(rest, rule.statusCounts.closed - entries.get(treatedBy(last))!.value, false);
      lines.push({ total: status('closed'), parts: [treatedBy(last), rest] });
    }

    keys.set(rule.ruleId, { episodes: episodesKey, status, judged, excluded, attrition: chain, rateRow, treatedBy });
  }
  return { table: { entries, lines }, keys };
}

/** Exclusion reasons whose count is the same in every rule that reports them (e.g. the docs/rules.md §2 ones). */
function sharedExclusionReasons(rules: readonly RawRuleAggregates[]): Set<string> {
  const values = new Map<string, Set<number>>();
  for (const rule of rules) {
    const counts = new Map(rule.excludedByReason.map((row) => [row.reason, row.count]));
    for (const reason of attritionReasons(rule)) {
      const set = values.get(reason) ?? new Set<number>();
      set.add(counts.get(reason) ?? 0);
      values.set(reason, set);
    }
  }
  return new Set([...values].filter(([, set]) => set.size === 1).map(([reason]) => reason));
}
