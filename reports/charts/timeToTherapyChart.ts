import type { TopLevelSpec } from 'vega-lite';
import { isProportion } from '../model/buildReportModel.js';
import type { RuleReport } from '../model/reportModel.js';
import { renderVegaLite } from './renderVegaLite.js';

/** Rule A: cumulative share treated by day 30, 90, 180 and 365, with 95% intervals. Null when nothing is shown. */
export async function renderTimeToTherapyChart(rule: RuleReport): Promise<string | null> {
  const rows = rule.timeToTherapy?.treatedByDay ?? [];
  const points = rows.flatMap((row) => (isProportion(row.share) ? [{ day: row.day, share: row.share.rate, lower: row.share.lower, upper: row.share.upper }] : []));
  if (points.length === 0) return null;
  const x = { field: 'day', type: 'quantitative' as const, title: 'Days since fracture', scale: { domain: [0, 365] }, axis: { values: [0, 30, 90, 180, 365] } };
  const spec: TopLevelSpec = {
    title: 'Cumulative share treated by days since fracture',
    width: 360,
    height: 200,
    data: { values: [{ day: 0, share: 0, lower: 0, upper: 0 }, ...points] },
    layer: [
      { mark: { type: 'line', interpolate: 'step-after', color: '#1f5fa8' }, encoding: { x, y: { field: 'share', type: 'quantitative', title: 'Share treated', axis: { format: '.0%' }, scale: { domain: [0, 1] } } } },
      { mark: { type: 'rule', color: '#7f8c8d' }, encoding: { x: { field: 'day', type: 'quantitative' }, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' } } },
      { mark: { type: 'point', filled: true, color: '#1f5fa8' }, encoding: { x: { field: 'day', type: 'quantitative' }, y: { field: 'share', type: 'quantitative' } } },
    ],
  };
  return renderVegaLite(spec, 'Cumulative share treated by days since fracture');
}
