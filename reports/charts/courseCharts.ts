import type { TherapyCourseReport } from '../course/therapyCourseReport.js';
import { renderPdcHistogramChart } from './pdcHistogramChart.js';
import { renderPersistenceChart } from './persistenceChart.js';

/** Static SVG of the therapy-course charts; null where nothing can be shown. */
export interface CourseCharts {
  persistence: string | null;
  pdcHistogram: string | null;
}

/** Renders the therapy-course charts from the suppressed model only. */
export async function renderCourseCharts(course: TherapyCourseReport): Promise<CourseCharts> {
  return { persistence: await renderPersistenceChart(course), pdcHistogram: await renderPdcHistogramChart(course) };
}
