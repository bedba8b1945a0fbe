// The building blocks of the report's SVG charts (reports/charts/svg): every text escaped, numbers
// printed with fixed precision, scales and step paths where they must be, nothing external.
import { describe, expect, it } from 'vitest';
import { estimateTextWidth } from '../../../reports/charts/estimateTextWidth.js';
import { assertSelfContained } from '../../../reports/charts/svg/assertSelfContained.js';
import { bandScale } from '../../../reports/charts/svg/bandScale.js';
import { escapeXml } from '../../../reports/charts/svg/escapeXml.js';
import { formatCoordinate, formatCount, formatPercent } from '../../../reports/charts/svg/formatNumber.js';
import { legend } from '../../../reports/charts/svg/legend.js';
import { linearScale, niceZeroDomain, ticks } from '../../../reports/charts/svg/linearScale.js';
import { diamond, stepAfterPath, stepPath } from '../../../reports/charts/svg/shapes.js';
import { svgDocument } from '../../../reports/charts/svg/svgDocument.js';
import { textElement } from '../../../reports/charts/svg/svgElement.js';
import { elements, texts } from './svgParts.js';

describe('svg chart building blocks', () => {
  it('escapes_every_markup_character_of_a_label', () => {
    expect(escapeXml(`Site <A> & "B" 'C'`)).toBe('Site &lt;A&gt; &amp; &quot;B&quot; &#39;C&#39;');
    expect(textElement('<b>&', { x: 1 })).toBe('<text x="1">&lt;b&gt;&amp;</text>');
  });

  it('prints_numbers_with_fixed_precision_and_no_float_noise', () => {
    expect(formatCoordinate(0.1 + 0.2)).toBe('0.3');
    expect(formatCoordinate(12.345678)).toBe('12.35');
    expect(formatCoordinate(-0.001)).toBe('0');
    expect(formatCoordinate(1000)).toBe('1000');
    expect(formatPercent(0.4)).toBe('40%');
    expect(formatPercent(0.07)).toBe('7%');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(950)).toBe('950');
  });

  it('maps_a_linear_domain_onto_pixels_upwards_or_downwards', () => {
    const x = linearScale([0, 1], [100, 900]);
    expect(x(0)).toBe(100);
    expect(x(0.25)).toBe(300);
    expect(x(1)).toBe(900);
    const y = linearScale([0, 1], [300, 40]);
    expect(y(0)).toBe(300);
    expect(y(0.5)).toBe(170);
  });

  it('chooses_round_ticks_and_a_count_domain_from_zero', () => {
    expect(ticks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(0, 700, 7, true)).toEqual([0, 100, 200, 300, 400, 500, 600, 700]);
    expect(ticks(0, 700, 10, true)).toHaveLength(15); // a step of 50, as d3 chooses it
    // Counts never get a fractional step.
    expect(ticks(0, 3, 10, true)).toEqual([0, 1, 2, 3]);
    // 673 with about 10 ticks: a step of 50 -> the axis runs to 700.
    expect(niceZeroDomain(673, 10, true)).toEqual([0, 700]);
    expect(niceZeroDomain(0, 10, true)).toEqual([0, 1]);
  });

  it('places_categories_in_equal_bands_in_the_order_given', () => {
    const band = bandScale(['b', 'a', 'c', 'a'], [0, 300]);
    expect(band.categories).toEqual(['b', 'a', 'c']);
    expect(band.bandwidth).toBe(100);
    expect([band.centre('b'), band.centre('a'), band.centre('c')]).toEqual([50, 150, 250]);
    expect(band.start('c')).toBe(200);
    expect(() => band.centre('d')).toThrow(/"d" is not on its axis/);
  });

  it('steps_half_way_between_points_or_at_the_next_point', () => {
    expect(stepPath([[0, 10], [20, 30], [40, 5]])).toBe('M0,10H10V30H20H30V5H40');
    expect(stepAfterPath([[0, 10], [20, 30], [40, 5]])).toBe('M0,10H20V30H40V5');
    expect(diamond(10, 10, 16, {})).toBe('<path d="M8,10L10,8L12,10L10,12Z"/>');
  });

  it('wraps_a_legend_onto_rows_that_stay_inside_its_width', () => {
    const entries = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'].map((label) => ({ label: `${label} entry`, colour: '#000', shape: 'square' as const }));
    const wide = legend('Status', entries, 2000);
    const narrow = legend('Status', entries, 220);
    expect(wide.height).toBe(16);
    expect(narrow.height).toBeGreaterThan(2 * 16);
    const drawn = texts(narrow.render(0, 0));
    expect(drawn.map((text) => text.content)).toEqual(['Status', ...entries.map((entry) => entry.label)]);
    for (const text of drawn) expect(Number(text.attrs.x) + estimateTextWidth(text.content, 11, text.attrs['font-weight'] === 'bold')).toBeLessThanOrEqual(220);
    expect(elements(narrow.render(0, 0), 'rect')).toHaveLength(5);
  });

  it('wraps_a_document_with_its_accessible_name_first_and_a_viewbox', () => {
    const svg = svgDocument({ width: 400, height: 120.4, label: 'Rate <by> "site" & rule', title: 'T & <U>', body: ['<circle cx="1" cy="1" r="1"/>'] });
    expect(svg.startsWith('<svg role="img" aria-label="Rate &lt;by&gt; &quot;site&quot; &amp; rule" xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('viewBox="0 0 400 120"');
    expect(svg).toContain('>T &amp; &lt;U&gt;</text>');
    expect(svg.endsWith('<circle cx="1" cy="1" r="1"/></svg>')).toBe(true);
  });

  it('refuses_an_svg_that_references_anything_outside_itself', () => {
    const open = '<svg xmlns="http://www.w3.org/2000/svg">';
    expect(() => assertSelfContained(`${open}<rect/></svg>`)).not.toThrow();
    for (const external of ['<image href="a.png"/>', '<rect fill="url(#g)"/>', '<style>@import "x.css";</style>', '<script>1</script>', '<text>https://example.org</text>']) {
      expect(() => assertSelfContained(`${open}${external}</svg>`), external).toThrow(/references something outside itself/);
    }
  });
});
