import { describe, expect, it } from 'vitest';
import { kaplanMeier, survivalAt } from '../../../reports/course/kaplanMeier.js';

/**
 * Hand-worked, ten courses, with an event and a censoring tied at day 30 and at day 90:
 *   day 30: 2 discontinued, 1 censored   n = 10  S = 1 x (1 - 2/10)         = 0.8
 *   day 60: 1 censored                    n = 7   S = 0.8
 *   day 90: 1 discontinued, 1 censored    n = 6   S = 0.8 x (1 - 1/6)        = 0.6667
 *   day 120: 1 discontinued               n = 4   S = 0.6667 x (1 - 1/4)     = 0.5
 *   day 365: 3 censored                   n = 3   S = 0.5
 */
const TIED = [
  { time: 90, events: 1, censored: 1 },
  { time: 30, events: 2, censored: 1 },
  { time: 60, events: 0, censored: 1 },
  { time: 120, events: 1, censored: 0 },
  { time: 365, events: 0, censored: 3 },
];

describe('kaplanMeier', () => {
  it('keeps courses censored on an event day in that day\'s risk set (hand-worked ties)', () => {
    const steps = kaplanMeier(TIED);
    expect(steps.map((step) => step.time)).toEqual([30, 60, 90, 120, 365]);
    expect(steps.map((step) => step.atRisk)).toEqual([10, 7, 6, 4, 3]);
    expect(steps[0]!.survival).toBeCloseTo(0.8, 12);
    expect(steps[1]!.survival).toBeCloseTo(0.8, 12);
    expect(steps[2]!.survival).toBeCloseTo(2 / 3, 12);
    expect(steps[3]!.survival).toBeCloseTo(0.5, 12);
    expect(steps[4]!.survival).toBeCloseTo(0.5, 12);
  });

  it('counts a discontinuation on day t in S(t) and the courses with persistence_days >= t as at risk on day t', () => {
    const steps = kaplanMeier(TIED);
    expect(survivalAt(steps, 29)).toEqual({ day: 29, atRisk: 10, survival: 1 });
    expect(survivalAt(steps, 30).atRisk).toBe(10);
    expect(survivalAt(steps, 30).survival).toBeCloseTo(0.8, 12);
    expect(survivalAt(steps, 31).atRisk).toBe(7);
    const day90 = survivalAt(steps, 90);
    expect(day90.atRisk).toBe(6);
    expect(day90.survival).toBeCloseTo(2 / 3, 12);
    const day180 = survivalAt(steps, 180);
    expect(day180.atRisk).toBe(3);
    expect(day180.survival).toBeCloseTo(0.5, 12);
    const day365 = survivalAt(steps, 365);
    expect(day365.atRisk).toBe(3);
    expect(day365.survival).toBeCloseTo(0.5, 12);
  });

  it('reproduces the textbook 6-MP arm of Freireich et al. (Kleinbaum & Klein, Survival Analysis, table 2.1)', () => {
    // Remission weeks 6,6,6,6+,7,9+,10,10+,11+,13,16,17+,19+,20+,22,23,25+,32+,32+,34+,35+ (21 patients).
    const rows = [
      { time: 6, events: 3, censored: 1 },
      { time: 7, events: 1, censored: 0 },
      { time: 9, events: 0, censored: 1 },
      { time: 10, events: 1, censored: 1 },
      { time: 11, events: 0, censored: 1 },
      { time: 13, events: 1, censored: 0 },
      { time: 16, events: 1, censored: 0 },
      { time: 17, events: 0, censored: 1 },
      { time: 19, events: 0, censored: 1 },
      { time: 20, events: 0, censored: 1 },
      { time: 22, events: 1, censored: 0 },
      { time: 23, events: 1, censored: 0 },
      { time: 25, events: 0, censored: 1 },
      { time: 32, events: 0, censored: 2 },
      { time: 34, events: 0, censored: 1 },
      { time: 35, events: 0, censored: 1 },
    ];
    const steps = kaplanMeier(rows).filter((step) => step.events > 0);
    expect(steps.map((step) => [step.time, step.atRisk])).toEqual([[6, 21], [7, 17], [10, 15], [13, 12], [16, 11], [22, 7], [23, 6]]);
    expect(steps.map((step) => Number(step.survival.toFixed(4)))).toEqual([0.8571, 0.8067, 0.7529, 0.6902, 0.6275, 0.5378, 0.4482]);
  });

  it('has no estimate without courses, and past the last time only when every course had the event', () => {
    expect(survivalAt(kaplanMeier([]), 90)).toEqual({ day: 90, atRisk: 0, survival: null });
    expect(survivalAt(kaplanMeier(TIED), 400)).toEqual({ day: 400, atRisk: 0, survival: null });
    expect(survivalAt(kaplanMeier([{ time: 10, events: 2, censored: 0 }]), 90)).toEqual({ day: 90, atRisk: 0, survival: 0 });
  });

  it('refuses a time given twice', () => {
    expect(() => kaplanMeier([{ time: 5, events: 1, censored: 0 }, { time: 5, events: 0, censored: 1 }])).toThrow(/time 5 given twice/);
  });
});
