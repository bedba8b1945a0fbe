import type { TherapyCourseReport } from '../course/therapyCourseReport.js';
import { COLOURS } from './svg/chartTheme.js';
import { formatCount, formatOneDecimal } from './svg/formatNumber.js';
import { niceZeroDomain, ticks } from './svg/linearScale.js';
import { rect } from './svg/shapes.js';
import { group } from './svg/svgElement.js';
import { xyFrame } from './svg/xyFrame.js';

/**
 * Complete courses by pdc bin (docs/rules.md §8) as a histogram (bars from zero, a 420 x 200 px
 * plot); suppressed bins are left out (no bar), never drawn as zero. Null when no complete course
 * or every bin is suppressed.
 */
export async function renderPdcHistogramChart(course: TherapyCourseReport): Promise<string | null> {
  const bars = course.pdcHistogram.flatMap((bin) => (typeof bin.courses === 'number' ? [{ from: bin.from, to: bin.to, courses: bin.courses }] : []));
  if (bars.every((bar) => bar.courses === 0)) return null;
  const yDomain = niceZeroDomain(Math.max(...bars.map((bar) => bar.courses)), 5, true);
  const frame = xyFrame({
    title: 'Proportion of days covered, complete courses',
    label: 'Proportion of days covered, histogram of complete courses',
    plotWidth: 420,
    plotHeight: 200,
    xAxis: { domain: [0, 1], values: [0, 0.2, 0.4, 0.6, 0.8, 1], format: formatOneDecimal, title: 'PDC' },
    yAxis: { domain: yDomain, values: ticks(yDomain[0], yDomain[1], 5, true), format: formatCount, title: 'Complete courses' },
  });
  const { x, y } = frame;
  return frame.render([group(bars.map((bar) => rect(x(bar.from), y(bar.courses), x(bar.to) - x(bar.from), y(0) - y(bar.courses), { fill: COLOURS.primary, stroke: 'white' })), { class: 'bar' })]);
}
