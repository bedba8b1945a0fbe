// The therapy course's interval SQL against a day-by-day reference written straight from
// docs/rules.md §4 and §8, on a seeded random population with fills of several agents, early
// refills, same-day fills, stays, coverage gaps, deaths and courses cut by as_of. The reference walks
// every day of every course in JavaScript (test code only): slow and obvious, which is the point.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Row } from '../../pipeline/db.js';
import { courseColumns } from '../../pipeline/rules/episodeExportColumns.js';
import { day, elder, fracture, runFixture, type CoverageInput, type EventInput, type PersonInput, type StayInput } from './fixture.js';

const BASE = '2019-01-01';
const AS_OF_OFFSET = 1000;
const AS_OF = day(BASE, AS_OF_OFFSET);
const COURSE_DAYS = 365;
const PERMISSIBLE_GAP = 60;

/** Shipped osteoporosis_therapy rows the population uses (rules/valuesets/osteoporosis_therapy.csv). */
const PRODUCTS = [
  { codeSystem: 'RXNORM', code: '46041', ingredient: 'alendronate', coverDays: 30 },
  { codeSystem: 'RXNORM', code: '73056', ingredient: 'risedronate', coverDays: 30 },
  { codeSystem: 'RXNORM', code: '993449', ingredient: 'denosumab', coverDays: 183 },
  { codeSystem: 'HCPCS', code: 'J0897', ingredient: 'denosumab', coverDays: 183, maxUnits: 60 },
  { codeSystem: 'HCPCS', code: 'J3489', ingredient: 'zoledronic acid', coverDays: 365 },
  { codeSystem: 'ATC', code: 'G03XC01', ingredient: 'raloxifene', coverDays: 30 },
] as const;

/** mulberry32: a small seeded generator, so the population is the same on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Fill { offset: number; product: (typeof PRODUCTS)[number]; daysSupply: number | null; units: number | null }
interface Planned {
  id: string;
  index: number;
  death: number | null;
  fills: Fill[];
  stays: { from: number; to: number }[];
  spans: { from: number; to: number | null }[];
}

function plan(count: number, seed: number): Planned[] {
  const random = generator(seed);
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (_, index) => {
    const fracture = between(0, 900);
    const fills: Fill[] = [];
    let offset = fracture + between(-400, 300);
    for (let fill = between(0, 9); fill > 0; fill -= 1) {
      const product = random() < 0.7 && fills.length > 0 ? fills[fills.length - 1]!.product : pick(PRODUCTS);
      fills.push({
        offset,
        product,
        daysSupply: pick([null, 0, 1, 28, 30, 30, 30, 60, 90]),
        units: product.code === 'J0897' ? pick([null, 60, 60, 120]) : null,
      });
      offset += pick([0, 10, 25, 28, 30, 35, 60, 61, 62, 90, 150]);
    }
    const stays = Array.from({ length: pick([0, 0, 1, 1, 2, 3]) }, () => {
      const from = fracture + between(-30, 420);
      return { from, to: from + between(0, 25) };
    });
    const spans: { from: number; to: number | null }[] = [];
    if (random() < 0.6) {
      let start = fracture - between(0, 400);
      for (let span = between(1, 3); span > 0; span -= 1) {
        const end = random() < 0.3 ? null : start + between(20, 400);
        spans.push({ from: start, to: end });
        if (end === null) break;
        start = end + pick([1, 30, 45, 46, 47, 90]);
      }
    }
    const death = random() < 0.2 ? fracture + between(-20, 500) : null;
    return { id: `r${String(index).padStart(4, '0')}`, index: fracture, death, fills, stays, spans };
  });
}

/** §4 cover days: long-acting rows always their cover_days; else days_supply when > 0, else cover_days. */
const coverOf = (fill: Fill): number =>
  fill.product.coverDays >= 90 ? fill.product.coverDays : fill.daysSupply !== null && fill.daysSupply > 0 ? fill.daysSupply : fill.product.coverDays;

const countable = (fill: Fill): boolean =>
  fill.offset <= AS_OF_OFFSET && !('maxUnits' in fill.product && fill.units !== null && fill.units > fill.product.maxUnits);

/** docs/rules.md §8 for one person's only episode, day by day. Offsets are days after BASE. */
function reference(person: Planned): Record<string, unknown> {
  const nulls = Object.fromEntries(courseColumns.map((column) => [column, null])) as Record<string, unknown>;
  const events = person.fills.filter(countable);
  const windowEnd = Math.min(person.index + 365, AS_OF_OFFSET);
  const starters = events.filter((fill) => fill.offset >= person.index && fill.offset <= windowEnd);
  if (starters.length === 0) return { ...nulls, course_status: 'not_started' };
  const start = Math.min(...starters.map((fill) => fill.offset));
  const firstIngredient = starters.filter((fill) => fill.offset === start).map((fill) => fill.product.ingredient).sort()[0]!;
  const newUser = !events.some((fill) => fill.offset >= start - 365 && fill.offset <= start - 1);
  const death = person.death !== null && person.death <= AS_OF_OFFSET ? person.death : null;
  const courseEnd = start + COURSE_DAYS - 1;
  const w = Math.min(courseEnd, death ?? Infinity, AS_OF_OFFSET);
  const spans = person.spans.filter((span) => span.from <= AS_OF_OFFSET);
  let disenrolled: number | null = null;
  if (spans.length > 0) {
    let run = 0;
    for (let d = start; d <= w && disenrolled === null; d += 1) {
      const covered = spans.some((span) => span.from <= d && (span.to === null || d <= span.to));
      run = covered ? 0 : run + 1;
      if (run === 46) disenrolled = d - 46;
    }
  }
  const followUpEnd = Math.min(w, disenrolled ?? Infinity);
  const censor = followUpEnd >= courseEnd ? null
    : followUpEnd === death ? 'died' : followUpEnd === disenrolled ? 'disenrolled' : followUpEnd === AS_OF_OFFSET ? 'as_of' : 'unexplained';
  const followUpDays = Math.max(0, followUpEnd - start + 1);
  const inpatient = (d: number): boolean => person.stays.some((stay) => stay.from <= d && d <= stay.to);
  const outpatient: number[] = [];
  for (let d = start; d <= followUpEnd; d += 1) if (!inpatient(d)) outpatient.push(d);
  const base = {
    ...nulls, therapy_start_date: day(BASE, start), first_ingredient: firstIngredient, new_user: newUser,
    follow_up_end_date: day(BASE, followUpEnd), censor_reason: censor, follow_up_days: followUpDays, outpatient_days: outpatient.length,
  };
  if (outpatient.length === 0) return { ...base, course_status: 'no_follow_up' };
  const inFollowUp = events.filter((fill) => fill.offset >= start && fill.offset <= followUpEnd);
  const covered = new Array<boolean>(outpatient.length).fill(false);
  for (const ingredient of new Set(inFollowUp.map((fill) => fill.product.ingredient))) {
    let nextFree = 0;
    for (const fill of inFollowUp.filter((candidate) => candidate.product.ingredient === ingredient).sort((a, b) => a.offset - b.offset)) {
      const available = outpatient.findIndex((d) => d >= fill.offset);
      if (available < 0) continue;
      const from = Math.max(available, nextFree);
      for (let index = from; index < from + coverOf(fill) && index < outpatient.length; index += 1) covered[index] = true;
      nextFree = from + coverOf(fill);
    }
  }
  const coveredDays = covered.filter(Boolean).length;
  let discontinuation: number | null = null;
  let run = 0;
  for (let index = 0; index < outpatient.length && discontinuation === null; index += 1) {
    run = covered[index] ? 0 : run + 1;
    if (run === PERMISSIBLE_GAP + 1) discontinuation = outpatient[index - PERMISSIBLE_GAP]!;
  }
  const tenThousandths = Math.floor((20_000 * coveredDays + outpatient.length) / (2 * outpatient.length));
  const ingredients = [...new Set(inFollowUp.map((fill) => fill.product.ingredient))].sort();
  return {
    ...base,
    course_status: censor === null ? 'complete' : 'censored',
    ingredients: ingredients.join('+'),
    covered_days: coveredDays,
    pdc: `${Math.floor(tenThousandths / 10_000)}.${String(tenThousandths % 10_000).padStart(4, '0')}`,
    adherent: coveredDays * 5 >= outpatient.length * 4,
    discontinued: discontinuation !== null,
    discontinuation_date: discontinuation === null ? null : day(BASE, discontinuation),
    persistence_days: discontinuation === null ? followUpDays : discontinuation - start,
    switched: ingredients.length > 1,
  };
}

const population = plan(400, 20261127);
let exported: Row[] = [];

beforeAll(async () => {
  const persons: PersonInput[] = population.map((person) => elder(person.id, { death_date: person.death === null ? null : day(BASE, person.death), birth_date: '1935-06-01' }));
  const events: EventInput[] = population.flatMap((person) => [
    fracture(person.id, day(BASE, person.index)),
    ...person.fills.map((fill) => ({
      person_id: person.id, event_date: day(BASE, fill.offset), code_system: fill.product.codeSystem, code: fill.product.code,
      domain: 'drug', days_supply: fill.daysSupply, units: fill.units,
    })),
  ]);
  const stays: StayInput[] = population.flatMap((person) => person.stays.map((stay, index) => ({
    person_id: person.id, stay_id: `${person.id}-${index}`, admission_date: day(BASE, stay.from), discharge_date: day(BASE, stay.to),
  })));
  const coverage: CoverageInput[] = population.flatMap((person) => person.spans.map((span) => ({
    person_id: person.id, start_date: day(BASE, span.from), end_date: span.to === null ? null : day(BASE, span.to),
  })));
  ({ exported } = await runFixture({ persons, events, stays, coverage, params: { asOf: AS_OF } }));
}, 300_000);

describe('the interval SQL agrees with a day-by-day reference of §8', () => {
  test('on_every_course_column_of_400_random_episodes', () => {
    expect(exported).toHaveLength(population.length);
    const differences = population.flatMap((person) => {
      const row = exported.find((candidate) => candidate.person_id === person.id)!;
      const expected = reference(person);
      return courseColumns
        .filter((column) => row[column] !== expected[column])
        .map((column) => `${person.id} ${column}: sql ${String(row[column])}, reference ${String(expected[column])}`);
    });
    expect(differences.slice(0, 20)).toEqual([]);
  });

  test('the_random_population_reaches_every_course_outcome', () => {
    const outcomes = new Set(exported.flatMap((row) => [
      `status:${String(row.course_status)}`, `censor:${String(row.censor_reason)}`, `discontinued:${String(row.discontinued)}`, `switched:${String(row.switched)}`,
    ]));
    for (const outcome of [
      'status:not_started', 'status:complete', 'status:censored', 'censor:died', 'censor:disenrolled', 'censor:as_of',
      'discontinued:true', 'discontinued:false', 'switched:true', 'switched:false',
    ]) expect(outcomes).toContain(outcome);
  });
});
