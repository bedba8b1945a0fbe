import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../reports/wilsonInterval.js';

describe('wilsonInterval', () => {
  it('matches published Wilson 95% intervals', () => {
    // 5/10: 0.2366-0.7634; 0/10: 0-0.2775; 81/263: 0.2553-0.3662 (Newcombe 1998 examples).
    const half = wilsonInterval(5, 10)!;
    expect(half.rate).toBe(0.5);
    expect(half.lower).toBeCloseTo(0.2366, 4);
    expect(half.upper).toBeCloseTo(0.7634, 4);
    const none = wilsonInterval(0, 10)!;
    expect(none.lower).toBe(0);
    expect(none.upper).toBeCloseTo(0.2775, 4);
    const newcombe = wilsonInterval(81, 263)!;
    expect(newcombe.lower).toBeCloseTo(0.2553, 4);
    expect(newcombe.upper).toBeCloseTo(0.3662, 4);
  });

  it('has no rate without a denominator and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
  });
});
