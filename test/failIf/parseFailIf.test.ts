// --fail-if expressions (docs/contracts.md): parsing and exact evaluation, one case per form and edge.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../pipeline/errors.js';
import { describeFailIf } from '../../pipeline/failIf/describeFailIf.js';
import { evaluateFailIf, type FailIfMetrics } from '../../pipeline/failIf/evaluateFailIf.js';
import { parseFailIf } from '../../pipeline/failIf/parseFailIf.js';

const RULES = ['untreated-12m', 'calcium-vitamin-d', 'early-augmentation'];
const parse = (text: string) => parseFailIf(text, RULES);
const zero = { open: 0, closed: 0, prospective: 0, excluded: 0, not_applicable: 0 };
const metrics: FailIfMetrics = {
  rules: new Map([
    // gap rate 7 / 10 = 0.7 exactly
    ['untreated-12m', { ...zero, open: 7, closed: 3, excluded: 4 }],
    // no open or closed episode: the gap rate is undefined
    ['calcium-vitamin-d', { ...zero, excluded: 2 }],
    // 2 / 3
    ['early-augmentation', { ...zero, open: 2, closed: 1, not_applicable: 40 }],
  ]),
  episodes: 50,
  rejected: 0,
};
const holds = (text: string, values: FailIfMetrics = metrics): boolean => evaluateFailIf([parse(text)], values)[0]!.holds;

describe('parseFailIf', () => {
  it('reads a rule metric, an operator and a number, with or without spaces', () => {
    expect(parse('untreated-12m.gap_rate > 0.7')).toMatchObject({ ruleId: 'untreated-12m', metric: 'gap_rate', operator: '>', threshold: { numerator: 7n, scale: 1 } });
    expect(parse('calcium-vitamin-d.open>=100')).toMatchObject({ ruleId: 'calcium-vitamin-d', metric: 'open', operator: '>=', threshold: { numerator: 100n, scale: 0 } });
    expect(parse('  rejected != 0 ')).toMatchObject({ ruleId: null, metric: 'rejected', operator: '!=', text: 'rejected != 0' });
    expect(parse('episodes < 10').metric).toBe('episodes');
    for (const metric of ['closed', 'prospective', 'excluded', 'not_applicable']) expect(parse(`early-augmentation.${metric} <= 3`).metric).toBe(metric);
  });

  it.each([
    ['unknown-rule.open > 1', /unknown rule unknown-rule/],
    ['untreated-12m.gap_rat > 0.5', /unknown metric gap_rat/],
    ['rejectd > 0', /unknown metric rejectd/],
    ['untreated-12m.open > many', /many is not a number/],
    ['untreated-12m.open > -1', /-1 is not a number/],
    ['untreated-12m.open > 1e3', /1e3 is not a number/],
    ['untreated-12m.gap_rate > 70', /fraction from 0 to 1/],
    ['untreated-12m.open => 3', /expected <rule>\.<metric> <op> <number>/],
    ['untreated-12m.open', /expected/],
  ])('refuses %s with a usage error naming it', (text, problem) => {
    expect(() => parse(text)).toThrow(UsageError);
    expect(() => parse(text)).toThrow(problem);
    expect(() => parse(text)).toThrow(`--fail-if "${text}"`);
  });

  it('accepts a gap rate threshold of exactly 0 and exactly 1', () => {
    expect(parse('untreated-12m.gap_rate >= 1').threshold).toEqual({ numerator: 1n, scale: 0 });
    expect(parse('untreated-12m.gap_rate > 1.000').threshold).toEqual({ numerator: 1000n, scale: 3 });
    expect(parse('untreated-12m.gap_rate < 0').threshold).toEqual({ numerator: 0n, scale: 0 });
  });
});

describe('evaluateFailIf', () => {
  it('compares a rate exactly at the threshold as equal (7/10 against 0.7)', () => {
    expect(holds('untreated-12m.gap_rate > 0.7')).toBe(false);
    expect(holds('untreated-12m.gap_rate >= 0.7')).toBe(true);
    expect(holds('untreated-12m.gap_rate == 0.70')).toBe(true);
    expect(holds('untreated-12m.gap_rate < 0.7')).toBe(false);
    expect(holds('untreated-12m.gap_rate <= 0.7')).toBe(true);
    expect(holds('untreated-12m.gap_rate != 0.7')).toBe(false);
  });

  it('compares a repeating rate exactly (2/3 is above 0.6666666666 and below 0.6666666667)', () => {
    expect(holds('early-augmentation.gap_rate > 0.6666666666')).toBe(true);
    expect(holds('early-augmentation.gap_rate < 0.6666666667')).toBe(true);
  });

  it('never holds on an undefined gap rate, whatever the operator, and says so', () => {
    for (const operator of ['<', '<=', '>', '>=', '==', '!=']) expect(holds(`calcium-vitamin-d.gap_rate ${operator} 0.5`), operator).toBe(false);
    const lines = describeFailIf(evaluateFailIf([parse('calcium-vitamin-d.gap_rate > 0.5')], metrics), 11);
    expect(lines).toEqual(['caregap: --fail-if "calcium-vitamin-d.gap_rate > 0.5" does not hold: the gap rate is undefined (no open or closed episode in the complete cohort)']);
  });

  it('compares status counts at their edges', () => {
    expect(holds('untreated-12m.open >= 7')).toBe(true);
    expect(holds('untreated-12m.open > 7')).toBe(false);
    expect(holds('untreated-12m.excluded == 4')).toBe(true);
    expect(holds('early-augmentation.not_applicable < 40')).toBe(false);
    expect(holds('calcium-vitamin-d.prospective > 0')).toBe(false);
  });

  it('compares the run\'s rejected rows and episodes', () => {
    expect(holds('rejected > 0')).toBe(false);
    expect(holds('rejected > 0', { ...metrics, rejected: 1 })).toBe(true);
    expect(holds('episodes < 51')).toBe(true);
  });

  it('names each expression that held, hiding a small count and a rate built on one', () => {
    const results = evaluateFailIf(['untreated-12m.open > 1', 'early-augmentation.gap_rate > 0.5', 'untreated-12m.open > 100', 'rejected >= 0'].map(parse), metrics);
    expect(describeFailIf(results, 11)).toEqual([
      'caregap: --fail-if "untreated-12m.open > 1" holds (value fewer than 11)',
      'caregap: --fail-if "early-augmentation.gap_rate > 0.5" holds (rate not shown: a small cell)',
      'caregap: --fail-if "rejected >= 0" holds (value 0)',
    ]);
    expect(describeFailIf(results, 0)[1]).toBe('caregap: --fail-if "early-augmentation.gap_rate > 0.5" holds (gap rate 0.6667 = 2/3 over the complete cohort)');
  });
});
