import type { TopLevelSpec } from 'vega-lite';
import type { RuleReport } from '../model/reportModel.js';
import { CHART_WIDTH, FIT_WIDTH, FULL_LABELS } from './chartLayout.js';
import { ratePoints } from './rateChartData.js';
import { renderVegaLite } from './renderVegaLite.js';

/** Gap rate with 95% interval for every shown stratum level of a rule (a forest plot, complete cohort). Null when none. */
export async function renderStrataChart(rule: RuleReport): Promise<string | null> {
  const points = rule.strata.flatMap((stratum) => ratePoints(stratum.rows, (row) => `${stratum.label}: ${row.level}`));
  if (rule.augmentation) points.push(...ratePoints(rule.augmentation, (row) => `Procedure: ${row.level}`));
  if (points.length === 0) return null;
  const y = { field: 'label', type: 'ordinal', title: null, sort: null, axis: FULL_LABELS } as const;
  const layers: NonNullable<Extract<TopLevelSpec, { layer: unknown }>['layer']> = [
    {
      mark: { type: 'rule', color: '#7f8c8d' },
      encoding: { y, x: { field: 'lower', type: 'quantitative', title: 'Gap rate', axis: { format: '.0%' }, scale: { domain: [0, 1] } }, x2: { field: 'upper' } },
    },
    {
      mark: { type: 'point', filled: true, color: '#1f5fa8', size: 50 },
      encoding: { y, x: { field: 'rate', type: 'quantitative' } },
    },
  ];
  if (typeof rule.gapRate === 'object' && rule.gapRate !== null) {
    layers.push({
      data: { values: [{ rate: rule.gapRate.rate }] },
      mark: { type: 'rule', color: '#b03a2e', strokeDash: [6, 4] },
      encoding: { x: { field: 'rate', type: 'quantitative' } },
    });
  }
  const spec: TopLevelSpec = {
    title: `Gap rate by stratum (complete cohort), 95% CI (${rule.ruleId})`,
    width: CHART_WIDTH,
    autosize: FIT_WIDTH,
    height: 20 * points.length,
    data: { values: points },
    layer: layers,
  };
  return renderVegaLite(spec, `Gap rate by stratum for ${rule.title}`);
}
