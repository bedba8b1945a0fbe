import type { JudgedCounts, RawRuleAggregates } from '../aggregates/rawAggregates.js';
import type { DisclosureEntry, DisclosureLine, DisclosureTable } from '../disclosure/disclosureTable.js';
import { EPISODE_EXCLUSIONS, EXCLUSION_ORDER, PERSON_WINDOW_RULES, STATUSES, TREATED_BY_DAYS } from '../ruleCatalog.js';
import type { AttritionInput } from '../types.js';
import type { QuarterCounts } from '../spc/quarterCounts.js';
import { curveKnots } from './curveKnots.js';

/** The cohorts of docs/rules.md §7 a count can belong to: all episodes, complete, in progress. */
export type Cohort = 'all' | 'complete' | 'in_progress';

/** Keys of the counts of one rule in the disclosure table. */
export interface RuleKeys {
  episodes: string;
  /** Episodes by status, all cohorts. */
  status: (status: string) => string;
  /** Episodes of a cohort (`all` is `episodes`). */
  cohortEpisodes: (cohort: Cohort) => string;
  /** Episodes of a cohort by status (`all` is `status`). */
  cohortStatus: (cohort: Cohort, status: string) => string;
  /** Open + closed of the complete cohort: the gap rate's denominator (docs/rules.md §7). */
  judged: string;
  /** Open + closed of the in-progress cohort (counted, never rated). */
  inProgressJudged: string;
  excluded: (reason: string) => string;
  /** Attrition steps in order, with the key of the count removed and of the count left. */
  attrition: Array<{ step: string; removed: string; remaining: string }>;
  rateRow: (group: string, level: string, column: 'open' | 'closed' | 'judged') => string;
  /** In-progress episodes of an incomplete index month, by status or 'total'. */
  inProgressMonth: (month: string, column: string) => string;
  /** Complete-cohort closed episodes treated by day d (rule A); defined for every day of `curveDays`. */
  treatedBy: (day: number) => string;
  /** Days of rule A's cumulative curve (docs/rules.md §7: differences between them are never small cells). */
  curveDays: number[];
  /** Rules A and B: a site's open, prospective and open + prospective rows. */
  actionable: (site: string, column: 'open' | 'prospective' | 'total') => string;
  /** Rules A and B: open + prospective rows of all sites. */
  actionableTotal: string;
}

/** Options of buildDisclosureTable. */
export interface DisclosureOptions {
  /** docs/rules.md §7 min_cell: sets the resolution of rule A's time-to-therapy curve. */
  minCell?: number;
  /** Per rule id: complete quarters to publish beside the months (when most months are suppressed, §9). */
  quarters?: ReadonlyMap<string, readonly QuarterCounts[]>;
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
 * rule the status counts of every cohort, excluded reasons, attrition chain, strata, complete and
 * in-progress index months, the time-to-therapy curve, augmentation types and actionable gaps by
 * site, with every additive relation between them (row and column totals, subtotals, cohorts,
 * attrition steps, cumulative counts, and the unpublished remainders that close a sum). Counts
 * that are equal by definition across rules or tables (the episodes, an exclusion reason with the
 * same count in every rule that has it, a site's open count) share one key, so what one place
 * shows cannot undo what another hides.
 */
export function buildDisclosureTable(rules: readonly RawRuleAggregates[], attrition: AttritionInput, options: DisclosureOptions = {}): ReportDisclosure {
  const minCell = options.minCell ?? 0;
  const entries = new Map<string, DisclosureEntry>();
  const lines: DisclosureLine[] = [];
  const keys = new Map<string, RuleKeys>();
  // Tiers: 0 detail cells and attrition remainders, 1 exclusion reasons and in-progress counts,
  // 2 a rule's status counts over all episodes, 2.5 the rate's counts (complete cohort open,
  // closed, judged: hidden last, docs/rules.md §7), 3 the episodes.
  const RATE_TIER = 2.5;
  const put = (key: string, value: number, published = true, tier = 0): void => {
    const existing = entries.get(key);
    if (existing && existing.value !== value) throw new Error(`disclosure: ${key} has two values ${existing.value} and ${value}`);
    entries.set(key, { value, published: published || (existing?.published ?? false), tier: Math.max(tier, existing?.tier ?? 0) });
  };
  const value = (key: string): number => entries.get(key)!.value;
  /** A line whose total and parts must add up: checked here so a reader's arithmetic and ours agree. */
  const line = (total: string, parts: string[], what: string): void => {
    const sum = parts.reduce((acc, part) => acc + value(part), 0);
    if (sum !== value(total)) throw new Error(`disclosure: ${what} sums to ${sum}, not ${value(total)}`);
    // A line without parts says only that its total is 0, which is shown anyway.
    if (parts.length > 0) lines.push({ total, parts });
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
    const cohortStatus = (cohort: Cohort, name: string): string => (cohort === 'all' ? status(name) : `${prefix}${cohort}:status:${name}`);
    const cohortEpisodes = (cohort: Cohort): string => (cohort === 'all' ? episodesKey : `${prefix}${cohort}:episodes`);
    const judged = `${prefix}judged`;
    const inProgressJudged = `${prefix}in_progress:judged`;
    const excludedCount = new Map(rule.excludedByReason.map((row) => [row.reason, row.count]));
    const excluded = (reason: string): string => (sharedReasons.has(reason) ? `excluded:${reason}` : `${prefix}excluded:${reason}`);
    const rateRow = (group: string, level: string, column: string): string => `${prefix}${group}:${level}:${column}`;
    const inProgressMonth = (month: string, column: string): string => `${prefix}in_progress_month:${month}:${column}`;
    const treatedBy = (day: number): string => `${prefix}treated_by:${day}`;
    const actionableKeys = new Map<string, string>();
    const actionable = (site: string, column: string): string => actionableKeys.get(`${site}\u0000${column}`) ?? `${prefix}actionable:${site}:${column}`;

    // §7: every status count for all episodes, and split into the complete and in-progress cohorts.
    put(episodesKey, episodes, true, 3);
    for (const name of STATUSES) {
      put(status(name), rule.statusCounts[name], true, 2);
      put(cohortStatus('complete', name), rule.completeCounts[name], true, name === 'open' || name === 'closed' ? RATE_TIER : 1);
      put(cohortStatus('in_progress', name), rule.inProgressCounts[name], true, 1);
      line(status(name), [cohortStatus('complete', name), cohortStatus('in_progress', name)], `${rule.ruleId} ${name} by cohort`);
    }
    line(episodesKey, STATUSES.map(status), `${rule.ruleId} episodes by status`);
    for (const cohort of ['complete', 'in_progress'] as const) {
      put(cohortEpisodes(cohort), STATUSES.reduce((sum, name) => sum + value(cohortStatus(cohort, name)), 0), true, 1);
      line(cohortEpisodes(cohort), STATUSES.map((name) => cohortStatus(cohort, name)), `${rule.ruleId} ${cohort} episodes`);
    }
    line(episodesKey, [cohortEpisodes('complete'), cohortEpisodes('in_progress')], `${rule.ruleId} episodes by cohort`);
    put(judged, rule.completeCounts.open + rule.completeCounts.closed, true, RATE_TIER);
    line(judged, [cohortStatus('complete', 'open'), cohortStatus('complete', 'closed')], `${rule.ruleId} judged`);
    put(inProgressJudged, rule.inProgressCounts.open + rule.inProgressCounts.closed, true, 1);
    line(inProgressJudged, [cohortStatus('in_progress', 'open'), cohortStatus('in_progress', 'closed')], `${rule.ruleId} in-progress judged`);

    const reasons = attritionReasons(rule);
    for (const reason of reasons) put(excluded(reason), excludedCount.get(reason) ?? 0, true, 1);
    line(status('excluded'), reasons.map(excluded), `${rule.ruleId} excluded by reason`);

    // Attrition to the complete cohort's judged episodes: exclusions, not applicable, windows still
    // running, then what the in-progress cohort has already judged (never rated, §7).
    const steps = reasons.map((reason) => ({ step: reason, removed: excluded(reason) }));
    steps.push({ step: 'not_applicable', removed: status('not_applicable') });
    steps.push({ step: 'prospective', removed: status('prospective') });
    steps.push({ step: 'in_progress_judged', removed: inProgressJudged });
    const chain: RuleKeys['attrition'] = [];
    let previous = episodesKey;
    let left = episodes;
    steps.forEach((step, index) => {
      left -= value(step.removed);
      const remaining = index === steps.length - 1 ? judged : `${prefix}remaining:${step.step}`;
      // Earlier remainders are cheaper to hide: a cascade along the chain then runs back to the
      // exclusion counts (often hidden already) instead of forward into the judged episodes.
      put(remaining, left, true, remaining === judged ? RATE_TIER : index / 100);
      line(previous, [step.removed, remaining], `${rule.ruleId} attrition ${step.step}`);
      chain.push({ step: step.step, removed: step.removed, remaining });
      previous = remaining;
    });

    /** A rate table over the complete cohort; `rest` adds an unpublished row for what its rows leave out. */
    const addRateTable = (group: string, rows: ReadonlyArray<JudgedCounts & { level: string }>, rest = false): void => {
      for (const row of rows) {
        put(rateRow(group, row.level, 'open'), row.open);
        put(rateRow(group, row.level, 'closed'), row.closed);
        put(rateRow(group, row.level, 'judged'), row.open + row.closed);
        line(rateRow(group, row.level, 'judged'), [rateRow(group, row.level, 'open'), rateRow(group, row.level, 'closed')], `${rule.ruleId} ${group} ${row.level}`);
      }
      const levels = rows.map((row) => row.level);
      if (rest) {
        const restOf = (column: 'open' | 'closed'): number => rule.completeCounts[column] - rows.reduce((acc, row) => acc + row[column], 0);
        put(rateRow(group, '(rest)', 'open'), restOf('open'), false);
        put(rateRow(group, '(rest)', 'closed'), restOf('closed'), false);
        put(rateRow(group, '(rest)', 'judged'), restOf('open') + restOf('closed'), false);
        line(rateRow(group, '(rest)', 'judged'), [rateRow(group, '(rest)', 'open'), rateRow(group, '(rest)', 'closed')], `${rule.ruleId} ${group} rest`);
        levels.push('(rest)');
      }
      for (const [column, total] of [['open', cohortStatus('complete', 'open')], ['closed', cohortStatus('complete', 'closed')], ['judged', judged]] as const) {
        line(total, levels.map((level) => rateRow(group, level, column)), `${group} of ${rule.ruleId}, ${column}`);
      }
    };
    const dimensions = [...new Set(rule.strata.map((row) => row.dimension))];
    for (const dimension of dimensions) {
      addRateTable(`strata:${dimension}`, rule.strata.filter((row) => row.dimension === dimension));
    }
    // Complete months hold every episode of theirs; the complete-cohort episodes of the first
    // incomplete month are the unpublished rest.
    addRateTable('month', rule.indexMonths.map((row) => ({ ...row, level: row.month })), true);
    const quarters = options.quarters?.get(rule.ruleId);
    if (quarters) {
      // Each quarter is the sum of its months: a reader can subtract, so the lines are here.
      addRateTable('quarter', quarters.map((row) => ({ ...row, level: row.quarter })), true);
      const monthLevels = new Set(rule.indexMonths.map((row) => row.month));
      for (const quarter of quarters) {
        for (const column of ['open', 'closed', 'judged'] as const) {
          const parts = quarter.months.filter((month) => monthLevels.has(month)).map((month) => rateRow('month', month, column));
          line(rateRow('quarter', quarter.quarter, column), parts, `${rule.ruleId} ${quarter.quarter} ${column} by month`);
        }
      }
    }
    if (rule.augmentation) addRateTable('augmentation', rule.augmentation.map((row) => ({ ...row, level: row.procedureType })));

    // In-progress cohort by incomplete month: counts only, never a rate (§7).
    for (const month of rule.inProgressMonths) {
      for (const name of STATUSES) put(inProgressMonth(month.month, name), month.counts[name]);
      put(inProgressMonth(month.month, 'total'), STATUSES.reduce((sum, name) => sum + month.counts[name], 0));
      line(inProgressMonth(month.month, 'total'), STATUSES.map((name) => inProgressMonth(month.month, name)), `${rule.ruleId} in-progress ${month.month}`);
    }
    for (const name of STATUSES) {
      line(cohortStatus('in_progress', name), rule.inProgressMonths.map((month) => inProgressMonth(month.month, name)), `${rule.ruleId} in-progress months ${name}`);
    }
    line(cohortEpisodes('in_progress'), rule.inProgressMonths.map((month) => inProgressMonth(month.month, 'total')), `${rule.ruleId} in-progress months`);

    let curveDays: number[] = [];
    if (rule.timeToTherapy) {
      // Cumulative counts at every published day of the curve: the increments between them and what
      // is left untreated are derived counts a reader could compute, so they are protected too.
      curveDays = curveKnots(rule.timeToTherapy.treatedOnDay, TREATED_BY_DAYS, minCell);
      let previousTreated: string | undefined;
      for (const day of curveDays) {
        const treated = rule.timeToTherapy.treatedOnDay.reduce((sum, row) => sum + (row.day <= day ? row.treated : 0), 0);
        put(treatedBy(day), treated);
        put(`${prefix}untreated_by:${day}`, value(judged) - treated, false);
        line(judged, [treatedBy(day), `${prefix}untreated_by:${day}`], `${rule.ruleId} untreated by ${day}`);
        if (previousTreated !== undefined) {
          const increment = `${prefix}treated_between:${day}`;
          put(increment, treated - value(previousTreated), false);
          line(treatedBy(day), [previousTreated, increment], `${rule.ruleId} treated up to ${day}`);
        }
        previousTreated = treatedBy(day);
      }
      const last = curveDays[curveDays.length - 1]!;
      const rest = `${prefix}treated_after:${last}`;
      put(rest, rule.completeCounts.closed - value(treatedBy(last)), false);
      line(cohortStatus('complete', 'closed'), [treatedBy(last), rest], `${rule.ruleId} treated after ${last}`);
    }

    if (rule.actionableBySite) {
      // Rules A and B: open and prospective rows per site (the worklist's rows). All open episodes
      // are in the complete cohort, so a site's open count is its stratum's open count: one key.
      for (const row of rule.actionableBySite) {
        const stratumOpen = rateRow('strata:site', row.site, 'open');
        if (entries.has(stratumOpen) && value(stratumOpen) === row.open) actionableKeys.set(`${row.site}\u0000open`, stratumOpen);
        put(actionable(row.site, 'open'), row.open);
        put(actionable(row.site, 'prospective'), row.prospective);
        put(actionable(row.site, 'total'), row.open + row.prospective);
        line(actionable(row.site, 'total'), [actionable(row.site, 'open'), actionable(row.site, 'prospective')], `${rule.ruleId} actionable ${row.site}`);
      }
      const sites = rule.actionableBySite.map((row) => row.site);
      put(`${prefix}actionable:total`, rule.statusCounts.open + rule.statusCounts.prospective, true, 2);
      line(`${prefix}actionable:total`, [status('open'), status('prospective')], `${rule.ruleId} actionable`);
      line(status('open'), sites.map((site) => actionable(site, 'open')), `${rule.ruleId} actionable open by site`);
      line(status('prospective'), sites.map((site) => actionable(site, 'prospective')), `${rule.ruleId} actionable prospective by site`);
      line(`${prefix}actionable:total`, sites.map((site) => actionable(site, 'total')), `${rule.ruleId} actionable by site`);
    }

    keys.set(rule.ruleId, {
      episodes: episodesKey,
      status,
      cohortEpisodes,
      cohortStatus,
      judged,
      inProgressJudged,
      excluded,
      attrition: chain,
      rateRow,
      inProgressMonth,
      treatedBy,
      curveDays,
      actionable,
      actionableTotal: `${prefix}actionable:total`,
    });
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
