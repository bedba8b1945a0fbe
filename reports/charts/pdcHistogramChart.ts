import type { TopLevelSpec } from 'vega-lite';
import type { TherapyCourseReport } from '../course/therapyCourseReport.js';
import { renderVegaLite } from './renderVegaLite.js';

/**
 * Complete courses by pdc bin (docs/rules.md §8) as a histogram; suppressed bins are left out (no bar),
 * never drawn as zero. Null when no complete course or every bin is suppressed.
 */
export async function renderPdcHistogramChart(course: TherapyCourseReport): Promise<string | null> {
  const bars = course.pdcHistogram.flatMap((bin) => (typeof bin.courses === 'number' ? [{ from: bin.from, to: bin.to, courses: bin.courses }] : []));
  if (bars.every((bar) => bar.courses === 0)) return null;
  const spec: TopLevelSpec = {
    title: 'Proportion of days covered, complete courses',
    width: 420,
    height: 200,
    data: { values: bars },
    mark: { type: 'bar', color: '#1f5fa8', stroke: 'white' },
    encoding: {
      x: { field: 'from', type: 'quantitative', title: 'PDC', scale: { domain: [0, 1] }, axis: { values: [0, 0.2, 0.4, 0.6, 0.8, 1], format: '.1f' } },
      x2: { field: 'to' },
      y: { field: 'courses', type: 'quantitative', title: 'Complete courses' },
      // Bars from zero: with a ranged x, Vega-Lite would otherwise draw them as thin strips at the count.
      y2: { datum: 0 },
    },
  };
  return renderVegaLite(spec, 'Proportion of days covered, histogram of complete courses');
}
