import type { TopLevelSpec } from 'vega-lite';
import type { SpcReport } from '../spc/buildSpcReport.js';
import { signalText } from '../renderers/spcText.js';
import { CHART_WIDTH, FIT_WIDTH } from './chartLayout.js';
import { renderVegaLite } from './renderVegaLite.js';

/**
 * The p-chart of docs/rules.md §9: gap rate by complete period (month or quarter) with the centre
 * line and the per-period control limits (stepped lines); points that a special cause marks are
 * drawn larger in orange. Suppressed and empty periods are not points (the caller's SpcReport left
 * them out) but keep their place on the time axis (`periods`: every complete period, in order).
 * Null when no period is charted.
 */
export async function renderPChart(spc: SpcReport, periods: readonly string[], title: string, unit: 'month' | 'quarter'): Promise<string | null> {
  if (spc.points.length === 0 || spc.centre === null) return null;
  const values = spc.points.map((point) => ({
    label: point.label,
    p: point.p,
    lower: point.lower,
    upper: point.upper,
    centre: spc.centre,
    signal: point.signals.length > 0 ? signalText(point.signals) : null,
  }));
  const domain: string[] = [...periods];
  const x = { field: 'label', type: 'ordinal' as const, title: unit === 'month' ? 'Index month' : 'Index quarter', sort: null, axis: { labelAngle: -45 }, scale: { domain } };
  const y = (field: string) => ({ field, type: 'quantitative' as const, title: 'Gap rate', axis: { format: '.0%' }, scale: { domain: [0, 1] } });
  const spec: TopLevelSpec = {
    title,
    width: CHART_WIDTH,
    autosize: FIT_WIDTH,
    height: 260,
    data: { values },
    layer: [
      { mark: { type: 'line', interpolate: 'step', color: '#7f8c8d', strokeDash: [3, 3] }, encoding: { x, y: y('upper') } },
      { mark: { type: 'line', interpolate: 'step', color: '#7f8c8d', strokeDash: [3, 3] }, encoding: { x, y: y('lower') } },
      { mark: { type: 'line', color: '#b03a2e' }, encoding: { x, y: y('centre') } },
      { mark: { type: 'line', color: '#1f5fa8', point: { filled: true, size: 36, color: '#1f5fa8' } }, encoding: { x, y: y('p') } },
      {
        transform: [{ filter: 'datum.signal !== null' }],
        mark: { type: 'point', filled: true, color: '#d35400', size: 110, shape: 'diamond' },
        encoding: { x, y: y('p') },
      },
    ],
  };
  return renderVegaLite(spec, title);
}
