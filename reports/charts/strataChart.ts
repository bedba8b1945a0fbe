import type { TopLevelSpec } from 'vega-lite';
import type { RuleReport } from '../model/reportModel.js';
import { ratePoints } from './rateChartData.js';
import { renderVegaLite } from './renderVegaLite.js';

/** Gap rate with 95% interval for every shown stratum level of a rule (a dot-and-whisker chart). Null when none. */
export async function renderStrataChart(rule: RuleReport): Promise<string | null> {
  const points = rule.strata.flatMap((stratum) => ratePoints(stratum.rows, (row) => `${stratum.label}: ${row.level}`));
  if (rule.augmentation) points.push(...ratePoints(rule.augmentation, (row) => `Procedure: ${row.level}`));
  if (points.length === 0) return null;
  const y = { field: 'label', type: 'ordinal', title: null, sort: null } as const;
  const spec: TopLevelSpec = {
    title: `Gap rate by stratum, 95% CI (${rule.ruleId})`,
    width: 360,
    height: { step: 18 },
    data: { values: points },
    layer: [
      {
        mark: { type: 'rule', color: '#7f8c8d' },
        encoding: { y, x: { field: 'lower', type: 'quantitative', title: 'Gap rate', axis: { format: '.0%' }, scale: { domain: [0, 1] } }, x2: { field: 'upper' } },
      },
      {
        mark: { type: 'point', filled: true, color: '#1f5fa8', size: 50 },
        encoding: { y, x: { field: 'rate', type: 'quantitative' } },
      },
    ],
  };
  return renderVegaLite(spec, `Gap rate by stratum for ${rule.title}`);
}
