// The p-chart of docs/rules.md §9 as static SVG: one point per charted period at its period's place
// on the time axis (suppressed periods keep theirs), special causes as diamonds, limits as steps.
import { describe, expect, it } from 'vitest';
import { renderPChart } from '../../../reports/charts/pChartChart.js';
import type { SpcReport, SpcPoint } from '../../../reports/spc/buildSpcReport.js';
import { elements, EXTERNAL, texts, withoutNamespace } from './svgParts.js';

const PERIODS = ['2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06'];

const point = (label: string, open: number, lower: number, upper: number, signals: SpcPoint['signals'] = []): SpcPoint => ({
  label,
  open,
  judged: 100,
  p: open / 100,
  lower,
  upper,
  signals,
});

/** 2022-03 and 2022-05 suppressed (left out of the points); 2022-04 outside its upper limit. */
const SPC: SpcReport = {
  centre: 0.4,
  points: [point('2022-01', 30, 0.25, 0.55), point('2022-02', 40, 0.2, 0.6), point('2022-04', 80, 0.25, 0.55, ['outside_limits']), point('2022-06', 20, 0.22, 0.58)],
  signals: [{ kind: 'outside_limits', direction: 'above', labels: ['2022-04'] }],
  months: 6,
  suppressedMonths: 2,
  emptyMonths: 0,
  mostSuppressed: false,
};

const near = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThan(0.02);

describe('renderPChart', () => {
  it('puts_each_point_at_its_periods_place_with_suppressed_periods_keeping_theirs', async () => {
    const svg = (await renderPChart(SPC, PERIODS, 'p-chart: gap rate by index month (untreated-12m)', 'month'))!;
    const dots = elements(svg, 'circle');
    expect(dots.map((dot) => dot['data-period'])).toEqual(['2022-01', '2022-02', '2022-04', '2022-06']);
    const [jan, feb, apr, jun] = dots.map((dot) => Number(dot.cx));
    const step = feb! - jan!;
    expect(step).toBeGreaterThan(100);
    // 2022-03 and 2022-05 are not points but keep their place: April is two steps after February.
    near(apr! - feb!, 2 * step);
    near(jun! - apr!, 2 * step);
    // Every period is labelled on the axis, suppressed ones too.
    expect(texts(svg).map((text) => text.content)).toEqual(expect.arrayContaining(PERIODS));
    // Heights follow p: 0.3, 0.4, 0.8, 0.2 on one linear scale (y grows downwards).
    const [y30, y40, y80, y20] = dots.map((dot) => Number(dot.cy));
    const perUnit = (y30! - y40!) / 0.1;
    expect(perUnit).toBeGreaterThan(100);
    near((y40! - y80!) / 0.4, perUnit);
    near((y20! - y30!) / 0.1, perUnit);
  });

  it('draws_the_special_cause_point_as_a_diamond_on_its_dot', async () => {
    const svg = (await renderPChart(SPC, PERIODS, 'p-chart', 'month'))!;
    const diamonds = elements(svg, 'path').filter((path) => path['data-period'] !== undefined);
    expect(diamonds.map((path) => path['data-period'])).toEqual(['2022-04']);
    expect(diamonds[0]!.fill).toBe('#d35400');
    const april = elements(svg, 'circle').find((dot) => dot['data-period'] === '2022-04')!;
    const corners = [...diamonds[0]!.d!.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((match) => [Number(match[1]), Number(match[2])]);
    expect(corners).toHaveLength(4);
    near((corners[0]![0]! + corners[2]![0]!) / 2, Number(april.cx));
    near((corners[1]![1]! + corners[3]![1]!) / 2, Number(april.cy));
  });

  it('draws_the_control_limits_as_dashed_steps_and_the_centre_line_across_the_points', async () => {
    const svg = (await renderPChart(SPC, PERIODS, 'p-chart', 'month'))!;
    const paths = elements(svg, 'path');
    const upper = paths.find((path) => path.class === 'limit upper')!;
    const lower = paths.find((path) => path.class === 'limit lower')!;
    for (const limit of [upper, lower]) {
      expect(limit['stroke-dasharray']).toBe('3,3');
      // Only horizontal and vertical moves: one level change per point after the first.
      expect(limit.d).toMatch(/^M[\d.]+,[\d.]+(H[\d.]+V[\d.]+H[\d.]+){3}$/);
    }
    const dots = elements(svg, 'circle');
    const centre = paths.find((path) => path.class === 'centre')!;
    const [start, end] = [...centre.d!.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((match) => [Number(match[1]), Number(match[2])]);
    expect(start![0]).toBe(Number(dots[0]!.cx));
    expect(end![0]).toBe(Number(dots.at(-1)!.cx));
    expect(start![1]).toBe(end![1]);
  });

  it('escapes_the_title_and_gives_the_same_bytes_twice_with_nothing_external', async () => {
    const title = 'p-chart <site A & B> "north"';
    const svg = (await renderPChart(SPC, PERIODS, title, 'quarter'))!;
    expect(svg.startsWith('<svg role="img" aria-label="p-chart &lt;site A &amp; B&gt; &quot;north&quot;"')).toBe(true);
    expect(svg).not.toContain('<site');
    expect(texts(svg).map((text) => text.content)).toContain('Index quarter');
    expect(await renderPChart(SPC, PERIODS, title, 'quarter')).toBe(svg);
    expect(withoutNamespace(svg)).not.toMatch(EXTERNAL);
  });

  it('is_null_when_no_period_is_charted', async () => {
    expect(await renderPChart({ ...SPC, centre: null, points: [], signals: [] }, PERIODS, 'p-chart', 'month')).toBeNull();
  });
});
