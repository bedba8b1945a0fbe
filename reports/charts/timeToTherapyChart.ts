import type { TopLevelSpec } from 'vega-lite';
import { isProportion } from '../model/buildReportModel.js';
import type { RuleReport } from '../model/reportModel.js';
import { CHART_WIDTH, FIT_WIDTH } from './chartLayout.js';
import { renderVegaLite } from './renderVegaLite.js';

/**
 * Rule A: the whole cumulative share treated by days since the fracture (complete cohort), drawn
 * through every published point of the curve (each step holds at least min_cell episodes), with
 * 95% intervals at days 30, 90, 180 and 365. Null when nothing is shown.
 */
export async function renderTimeToTherapyChart(rule: RuleReport): Promise<string | null> {
  const time = rule.timeToTherapy;
  if (!time) return null;
  const curve = time.curve.flatMap((row) => (isProportion(row.share) ? [{ day: row.day, share: row.share.rate }] : []));
  const marks = time.treatedByDay.flatMap((row) => (isProportion(row.share) ? [{ day: row.day, share: row.share.rate, lower: row.share.lower, upper: row.share.upper }] : []));
  if (curve.length === 0) return null;
  // The curve starts at day 0 with nobody treated unless day 0 itself is a published point.
  const line = curve[0]!.day === 0 ? curve : [{ day: 0, share: 0 }, ...curve];
  const x = { field: 'day', type: 'quantitative' as const, title: 'Days since fracture', scale: { domain: [0, 365] }, axis: { values: [0, 30, 60, 90, 120, 150, 180, 210, 240, 270, 300, 330, 365] } };
  const y = { field: 'share', type: 'quantitative' as const, title: 'Share treated', axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  const spec: TopLevelSpec = {
    title: 'Cumulative share treated by days since fracture (complete cohort)',
    width: CHART_WIDTH,
    autosize: FIT_WIDTH,
    height: 260,
    layer: [
      { data: { values: line }, mark: { type: 'line', interpolate: 'linear', color: '#1f5fa8' }, encoding: { x, y } },
      { data: { values: marks }, mark: { type: 'rule', color: '#7f8c8d' }, encoding: { x, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' } } },
      { data: { values: marks }, mark: { type: 'point', filled: true, color: '#1f5fa8', size: 50 }, encoding: { x, y } },
    ],
  };
  return renderVegaLite(spec, 'Cumulative share treated by days since fracture');
}
