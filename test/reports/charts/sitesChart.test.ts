// The sites charts of report.html as static SVG: one dot and whisker per rule and site in the
// rule's colour with a legend, actionable gaps as stacked bars; site names escaped and never cut.
import { describe, expect, it } from 'vitest';
import type { RawRuleAggregates } from '../../../reports/aggregates/rawAggregates.js';
import { estimateTextWidth } from '../../../reports/charts/estimateTextWidth.js';
import { renderActionableChart, renderSiteRatesChart } from '../../../reports/charts/sitesChart.js';
import { buildReportModel } from '../../../reports/model/buildReportModel.js';
import type { ReportModel } from '../../../reports/model/reportModel.js';
import { SAMPLE_RUN } from '../fixtures/sampleRun.js';
import { elements, EXTERNAL, texts, withoutNamespace } from './svgParts.js';

const zero = { open: 0, closed: 0, prospective: 0, excluded: 0, not_applicable: 0 };
const LONG_SITE = 'Hospital <North> & Clinic of the Very Long Name, Outpatient Department';

/** A rule with the given site levels (open, closed each) and actionable rows; no months. */
function rule(ruleId: string, sites: ReadonlyArray<[string, number, number]>, actionable?: RawRuleAggregates['actionableBySite']): RawRuleAggregates {
  const open = sites.reduce((sum, site) => sum + site[1], 0);
  const closed = sites.reduce((sum, site) => sum + site[2], 0);
  const counts = { ...zero, open, closed };
  return {
    ruleId,
    statusCounts: counts,
    completeCounts: counts,
    inProgressCounts: { ...zero },
    excludedByReason: [],
    strata: sites.map(([level, siteOpen, siteClosed]) => ({ dimension: 'site' as const, level, open: siteOpen, closed: siteClosed })),
    indexMonths: [],
    inProgressMonths: [],
    ...(actionable ? { actionableBySite: actionable } : {}),
  };
}

function model(rules: RawRuleAggregates[], minCell = 0): ReportModel {
  const episodes = 1000;
  return buildReportModel({
    run: SAMPLE_RUN,
    attrition: { qualifyingDiagnoses: episodes, personsWithQualifyingDiagnosis: episodes, episodes },
    rules,
    minCell,
    supplementsVisible: true,
    pseudonymized: false,
  });
}

/** Every text whose left end (right-aligned or not) would fall left of the SVG box, by the estimate the layout uses. */
function textsOutside(svg: string): string[] {
  const width = Number(elements(svg, 'svg')[0]!.width);
  return texts(svg)
    .filter(({ attrs }) => attrs.x !== undefined)
    .filter(({ attrs, content }) => {
      const textWidth = estimateTextWidth(content.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'), Number(attrs['font-size']), attrs['font-weight'] === 'bold');
      const x = Number(attrs.x);
      const [left, right] = attrs['text-anchor'] === 'end' ? [x - textWidth, x] : attrs['text-anchor'] === 'middle' ? [x - textWidth / 2, x + textWidth / 2] : [x, x + textWidth];
      return left < 0 || right > width;
    })
    .map(({ content }) => content);
}

describe('renderSiteRatesChart', () => {
  const rules = [
    rule('untreated-12m', [[LONG_SITE, 30, 70], ['South', 50, 50]]),
    rule('calcium-vitamin-d', [[LONG_SITE, 80, 20], ['South', 10, 90]]),
  ];

  it('draws_one_dot_per_rule_and_site_in_the_rules_colour_within_the_sites_row', async () => {
    const svg = (await renderSiteRatesChart(model(rules)))!;
    const dots = elements(svg, 'circle');
    // Four rates plus the two legend swatches.
    expect(dots).toHaveLength(6);
    const [northA, southA, northB, southB] = dots.slice(0, 4);
    expect([northA!.fill, southA!.fill, northB!.fill, southB!.fill]).toEqual(['#1f5fa8', '#1f5fa8', '#c77c02', '#c77c02']);
    // Rates 30%, 50%, 80%, 10% on one x scale.
    const perUnit = (Number(southA!.cx) - Number(northA!.cx)) / 0.2;
    expect(Math.abs((Number(northB!.cx) - Number(southB!.cx)) / 0.7 - perUnit)).toBeLessThan(0.05);
    // Rule A above rule B within a site's row, and the South row under the first site's.
    expect(Number(northA!.cy)).toBeLessThan(Number(northB!.cy));
    expect(Number(northB!.cy)).toBeLessThan(Number(southA!.cy));
    expect(Number(southA!.cy)).toBeLessThan(Number(southB!.cy));
    // The legend names both rules.
    const labels = texts(svg).map((text) => text.content);
    expect(labels).toEqual(expect.arrayContaining(['Rule', 'untreated-12m', 'calcium-vitamin-d', '40%', 'Gap rate']));
  });

  it('escapes_a_site_name_and_keeps_it_whole_inside_the_chart', async () => {
    const svg = (await renderSiteRatesChart(model(rules)))!;
    expect(svg).toContain('>Hospital &lt;North&gt; &amp; Clinic of the Very Long Name, Outpatient Department</text>');
    expect(svg).not.toContain('<North>');
    expect(textsOutside(svg)).toEqual([]);
    expect(svg).not.toContain('…');
    expect(Number(elements(svg, 'svg')[0]!.width)).toBe(1000);
  });

  it('gives_the_same_bytes_twice_with_nothing_external', async () => {
    const svg = await renderSiteRatesChart(model(rules));
    expect(await renderSiteRatesChart(model(rules))).toBe(svg);
    expect(withoutNamespace(svg!)).not.toMatch(EXTERNAL);
  });

  it('is_null_when_every_site_rate_is_suppressed', async () => {
    // min_cell 11: every count below it is suppressed, so no rate is shown.
    expect(await renderSiteRatesChart(model([rule('untreated-12m', [['North', 3, 4]])], 11))).toBeNull();
  });
});

describe('renderActionableChart', () => {
  it('stacks_open_then_prospective_from_zero_per_site_and_rule', async () => {
    const withActionable = rule('untreated-12m', [['North & <East>', 30, 70]], [{ site: 'North & <East>', open: 30, prospective: 10 }]);
    withActionable.statusCounts = { ...withActionable.statusCounts, prospective: 10 };
    withActionable.inProgressCounts = { ...zero, prospective: 10 };
    withActionable.inProgressMonths = [{ month: '2024-11', counts: { ...zero, prospective: 10 } }];
    const svg = (await renderActionableChart(model([withActionable])))!;
    const bars = elements(svg, 'rect').filter((bar) => bar.fill === '#b03a2e' || bar.fill === '#f0b27a').slice(0, 2);
    const [open, prospective] = bars;
    expect(open!.fill).toBe('#b03a2e');
    // Prospective starts where open ends, and is a third as long (10 vs 30).
    expect(Math.abs(Number(prospective!.x) - (Number(open!.x) + Number(open!.width)))).toBeLessThan(0.02);
    expect(Math.abs(Number(prospective!.width) * 3 - Number(open!.width))).toBeLessThan(0.05);
    expect(svg).toContain('>North &amp; &lt;East&gt; · untreated-12m</text>');
    expect(texts(svg).map((text) => text.content)).toEqual(expect.arrayContaining(['Status', 'open', 'prospective', 'Rows (episodes)']));
    expect(textsOutside(svg)).toEqual([]);
  });
});
