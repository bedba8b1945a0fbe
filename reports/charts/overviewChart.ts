import type { TopLevelSpec } from 'vega-lite';
import { isProportion } from '../model/buildReportModel.js';
import type { ReportModel } from '../model/reportModel.js';
import { CHART_WIDTH, FIT_WIDTH, FULL_LABELS } from './chartLayout.js';
import { renderVegaLite } from './renderVegaLite.js';

/** Gap rate (complete cohort) with 95% interval of every rule whose rate is shown. Null when none. */
export async function renderOverviewChart(model: ReportModel): Promise<string | null> {
  const points = model.rules.flatMap((rule) =>
    isProportion(rule.gapRate) ? [{ label: `${rule.title} (${rule.ruleId})`, rate: rule.gapRate.rate, lower: rule.gapRate.lower, upper: rule.gapRate.upper }] : [],
  );
  if (points.length === 0) return null;
  const y = { field: 'label', type: 'ordinal', title: null, sort: null, axis: FULL_LABELS } as const;
  const spec: TopLevelSpec = {
    title: 'Gap rate by rule (complete cohort), 95% CI',
    width: CHART_WIDTH,
    autosize: FIT_WIDTH,
    // A number, not a step: a discrete height does not combine with autosize fit.
    height: 32 * points.length,
    data: { values: points },
    layer: [
      { mark: { type: 'rule', color: '#7f8c8d' }, encoding: { y, x: { field: 'lower', type: 'quantitative', title: 'Gap rate', axis: { format: '.0%' }, scale: { domain: [0, 1] } }, x2: { field: 'upper' } } },
      { mark: { type: 'bar', color: '#1f5fa8', opacity: 0.25, height: 16 }, encoding: { y, x: { field: 'rate', type: 'quantitative' } } },
      { mark: { type: 'point', filled: true, color: '#1f5fa8', size: 60 }, encoding: { y, x: { field: 'rate', type: 'quantitative' } } },
    ],
  };
  return renderVegaLite(spec, 'Gap rate by rule');
}
