import type { TopLevelSpec } from 'vega-lite';
import type { RuleReport } from '../model/reportModel.js';
import { ratePoints } from './rateChartData.js';
import { renderVegaLite } from './renderVegaLite.js';

/**
 * Run chart of a rule: gap rate by index month (shown months only; suppressed months are gaps in
 * the data, not zeros) with the centre line at the median monthly rate. Null when no month has a
 * shown rate.
 */
export async function renderRunChart(rule: RuleReport): Promise<string | null> {
  const points = ratePoints(rule.indexMonths);
  if (points.length === 0) return null;
  const layers: NonNullable<Extract<TopLevelSpec, { layer: unknown }>['layer']> = [
    {
      mark: { type: 'line', point: { filled: true, size: 40 }, color: '#1f5fa8' },
      encoding: {
        x: { field: 'label', type: 'ordinal', title: 'Index month', sort: null, axis: { labelAngle: -45 } },
        y: { field: 'rate', type: 'quantitative', title: 'Gap rate', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      },
    },
  ];
  if (rule.indexMonthMedianRate !== null) {
    layers.push({
      data: { values: [{ median: rule.indexMonthMedianRate }] },
      mark: { type: 'rule', color: '#b03a2e', strokeDash: [6, 4] },
      encoding: { y: { field: 'median', type: 'quantitative' } },
    });
  }
  const spec: TopLevelSpec = {
    title: `Run chart: gap rate by index month (${rule.ruleId})`,
    width: Math.max(320, Math.min(900, points.length * 24)),
    height: 220,
    data: { values: points },
    layer: layers,
  };
  return renderVegaLite(spec, `Run chart of ${rule.title}`);
}
