import type { TherapyCourseReport } from '../course/therapyCourseReport.js';
import { COLOURS } from './svg/chartTheme.js';
import { formatCount } from './svg/formatNumber.js';
import { rateAxis } from './svg/rateAxis.js';
import { stepAfterPath } from './svg/shapes.js';
import { emptyElement } from './svg/svgElement.js';
import { xyFrame } from './svg/xyFrame.js';

/**
 * The overall Kaplan-Meier persistence curve (docs/rules.md §8) as a step line, drawn only from the
 * suppressed model's curve (event times with at least min_cell courses at risk). A small chart (a
 * 420 x 220 px plot). Null when the model has no curve to show.
 */
export async function renderPersistenceChart(course: TherapyCourseReport): Promise<string | null> {
  if (course.persistenceCurve.length < 2) return null;
  const frame = xyFrame({
    title: 'Persistence on therapy (Kaplan-Meier)',
    label: 'Persistence on therapy, Kaplan-Meier curve',
    plotWidth: 420,
    plotHeight: 220,
    xAxis: { domain: [0, 365], values: [0, 90, 180, 270, 365], format: formatCount, title: 'Days since therapy start' },
    yAxis: rateAxis('Share still persistent'),
  });
  const { x, y } = frame;
  const path = stepAfterPath(course.persistenceCurve.map((point) => [x(point.day), y(point.survival)]));
  return frame.render([emptyElement('path', { d: path, class: 'curve', fill: 'none', stroke: COLOURS.primary, 'stroke-width': 2 })]);
}
