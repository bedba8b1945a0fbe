import type { DisclosureEntry, DisclosureTable } from '../disclosure/disclosureTable.js';
import type { RuleKeys } from '../model/buildDisclosureTable.js';
import { EPISODE_EXCLUSIONS } from '../ruleCatalog.js';
import { COURSE_STATUSES, PERSISTENCE_DAYS, type RawCourseAggregates, type RawCourseGroup } from './rawCourseAggregates.js';

/** Keys of the course counts in the report's disclosure table. */
export interface CourseKeys {
  episodes: string;
  status: (status: string) => string;
  complete: (group: RawCourseGroup) => string;
  adherent: (group: RawCourseGroup) => string;
  withFollowUp: (group: RawCourseGroup) => string;
  atRisk: (group: RawCourseGroup, day: number) => string;
  pdcBin: (bin: number) => string;
}

/**
 * Adds every count of the therapy-course section (docs/rules.md §8) to the report's disclosure table,
 * with every additive relation a reader could use: statuses with their total; per group complete =
 * adherent + non-adherent and with follow-up = complete + censored; the numbers at risk falling from
 * day to day; each grouping's levels summing to the overall counts; the pdc bins summing to the
 * complete courses (and to the adherent ones when the threshold falls on a bin edge). Counts never
 * printed (non-adherent, censored per group, courses leaving the risk set between two days) are
 * derived entries, protected like printed ones. When a rule's attrition shows the episodes left
 * after the episode exclusions (§2), that count is tied to the course total, so neither section can
 * give away what the other hides. Mutates `table`; returns the keys.
 */
export function addCourseDisclosure(table: DisclosureTable, course: RawCourseAggregates, ruleKeys?: ReadonlyMap<string, RuleKeys>): CourseKeys {
  const { entries, lines } = table;
  const put = (key: string, value: number, published = true, tier = 0): void => {
    const entry: DisclosureEntry = { value, published, tier };
    entries.set(key, entry);
  };
  const name = (group: RawCourseGroup): string => `course:${group.dimension}:${group.level}`;
  const status = (value: string): string => `course:status:${value}`;
  const isAll = (group: RawCourseGroup): boolean => group.dimension === 'all';
  const keys: CourseKeys = {
    episodes: 'course:episodes',
    status,
    complete: (group) => (isAll(group) ? status('complete') : `${name(group)}:complete`),
    adherent: (group) => `${name(group)}:adherent`,
    withFollowUp: (group) => `${name(group)}:with_follow_up`,
    atRisk: (group, day) => `${name(group)}:at_risk:${day}`,
    pdcBin: (bin) => `course:pdc_bin:${bin}`,
  };

  const episodes = COURSE_STATUSES.reduce((sum, value) => sum + course.statusCounts[value], 0);
  put(keys.episodes, episodes, true, 3);
  for (const value of COURSE_STATUSES) put(status(value), course.statusCounts[value], true, 2);
  lines.push({ total: keys.episodes, parts: COURSE_STATUSES.map(status) });
  for (const linked of ruleKeys ? episodesAfterExclusionsKeys(table, ruleKeys, episodes) : []) {
    lines.push({ total: linked, parts: [keys.episodes] });
  }

  for (const group of course.groups) {
    const tier = isAll(group) ? 2 : 0;
    const censored = isAll(group) ? status('censored') : `${name(group)}:censored`;
    if (isAll(group) && (group.complete !== course.statusCounts.complete || group.withFollowUp !== course.statusCounts.complete + course.statusCounts.censored)) {
      throw new Error('course disclosure: the overall complete and censored courses disagree with the counts by status');
    }
    put(keys.complete(group), group.complete, true, tier);
    if (!isAll(group)) put(censored, group.withFollowUp - group.complete, false);
    put(keys.withFollowUp(group), group.withFollowUp, true, tier);
    lines.push({ total: keys.withFollowUp(group), parts: [keys.complete(group), censored] });
    put(keys.adherent(group), group.adherent, true, tier);
    put(`${name(group)}:non_adherent`, group.complete - group.adherent, false);
    lines.push({ total: keys.complete(group), parts: [keys.adherent(group), `${name(group)}:non_adherent`] });
    // Numbers at risk only fall: each is the previous one less the courses that left in between.
    let previous = keys.withFollowUp(group);
    let previousValue = group.withFollowUp;
    for (const day of PERSISTENCE_DAYS) {
      const atRisk = group.persistence.filter((row) => row.time >= day).reduce((sum, row) => sum + row.events + row.censored, 0);
      const left = `${name(group)}:left_before:${day}`;
      put(keys.atRisk(group, day), atRisk);
      put(left, previousValue - atRisk, false);
      lines.push({ total: previous, parts: [keys.atRisk(group, day), left] });
      previous = keys.atRisk(group, day);
      previousValue = atRisk;
    }
  }

  const overall = course.groups.find(isAll);
  if (!overall) throw new Error('course disclosure: no overall group');
  for (const dimension of ['first_ingredient', 'new_user'] as const) {
    const levels = course.groups.filter((group) => group.dimension === dimension);
    const measures: Array<(group: RawCourseGroup) => string> = [
      keys.complete,
      keys.adherent,
      keys.withFollowUp,
      ...PERSISTENCE_DAYS.map((day) => (group: RawCourseGroup) => keys.atRisk(group, day)),
    ];
    for (const measure of measures) {
      const sum = levels.reduce((acc, group) => acc + entries.get(measure(group))!.value, 0);
      if (sum !== entries.get(measure(overall))!.value) {
        throw new Error(`course disclosure: ${dimension} levels sum ${measure(overall)} to ${sum}, not ${entries.get(measure(overall))!.value}`);
      }
      lines.push({ total: measure(overall), parts: levels.map(measure) });
    }
  }

  course.pdcHistogram.forEach((courses, bin) => put(keys.pdcBin(bin), courses));
  const bins = course.pdcHistogram.map((_, bin) => keys.pdcBin(bin));
  lines.push({ total: keys.complete(overall), parts: bins });
  // The adherent count is the sum of the top bins when the threshold is a bin edge (0.8 by default).
  for (let first = 1; first < bins.length; first++) {
    const top = course.pdcHistogram.slice(first).reduce((acc, value) => acc + value, 0);
    if (top === overall.adherent) lines.push({ total: keys.adherent(overall), parts: bins.slice(first) });
  }
  return keys;
}

/** The keys of each rule's "episodes left after the episode exclusions" count that equals the course total. */
function episodesAfterExclusionsKeys(table: DisclosureTable, ruleKeys: ReadonlyMap<string, RuleKeys>, episodes: number): string[] {
  const lastExclusion = EPISODE_EXCLUSIONS[EPISODE_EXCLUSIONS.length - 1];
  const found = new Set<string>();
  for (const keys of ruleKeys.values()) {
    const step = keys.attrition.find((candidate) => candidate.step === lastExclusion);
    if (step && table.entries.get(step.remaining)?.value === episodes) found.add(step.remaining);
  }
  return [...found].sort();
}
