import type { TopLevelSpec } from 'vega-lite';
import type { TherapyCourseReport } from '../course/therapyCourseReport.js';
import { renderVegaLite } from './renderVegaLite.js';

/**
 * The overall Kaplan-Meier persistence curve (docs/rules.md §8) as a step line, drawn only from the
 * suppressed model's curve (event times with at least min_cell courses at risk). Null when the model
 * has no curve to show.
 */
export async function renderPersistenceChart(course: TherapyCourseReport): Promise<string | null> {
  if (course.persistenceCurve.length < 2) return null;
  const spec: TopLevelSpec = {
    title: 'Persistence on therapy (Kaplan-Meier)',
    width: 420,
    height: 220,
    data: { values: course.persistenceCurve },
    mark: { type: 'line', interpolate: 'step-after', color: '#1f5fa8', point: false },
    encoding: {
      x: { field: 'day', type: 'quantitative', title: 'Days since therapy start', scale: { domain: [0, 365] }, axis: { values: [0, 90, 180, 270, 365] } },
      y: { field: 'survival', type: 'quantitative', title: 'Share still persistent', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
    },
  };
  return renderVegaLite(spec, 'Persistence on therapy, Kaplan-Meier curve');
}
