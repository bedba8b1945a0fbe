import type { CourseCharts } from '../charts/courseCharts.js';
import type { TherapyCourseReport } from '../course/therapyCourseReport.js';
import { COURSE_INTRO, NO_COURSE_TEXT, courseTables } from './courseText.js';
import { escapeHtml, htmlFigure, htmlTable } from './html.js';

/**
 * The therapy-course section of report.html (docs/rules.md §8): the tables of summary.md, a
 * Kaplan-Meier step curve and a pdc histogram drawn from the suppressed model; or, when no course
 * started, a plain note saying so. Pure.
 */
export function renderCourseHtml(course: TherapyCourseReport, charts: CourseCharts | undefined): string {
  const tables = courseTables(course);
  const out: string[] = ['<section id="therapy-course"><h2>Therapy course: adherence and persistence</h2>'];
  if (course.noCourse) out.push(`<div class="note" id="no-course"><strong>${escapeHtml(NO_COURSE_TEXT)}</strong></div>`);
  else out.push(`<p>${escapeHtml(COURSE_INTRO)}</p>`);
  out.push(htmlTable('Episodes by course status', tables.status.header, tables.status.rows, [false, true]));
  if (!course.noCourse) {
    out.push('<h3>Adherence (complete courses)</h3>');
    out.push(htmlTable('Proportion of days covered and adherence by group', tables.adherence.header, tables.adherence.rows, [false, true, true, true, true]));
    if (charts?.pdcHistogram) {
      out.push(htmlFigure('chart-course-pdc', charts.pdcHistogram, 'Complete courses by proportion of days covered, in bins of 0.1; suppressed bins are left out.'));
    }
    out.push(htmlTable('Complete courses by proportion of days covered', tables.histogram.header, tables.histogram.rows, [false, true]));
    out.push('<h3>Persistence (Kaplan-Meier)</h3>');
    if (charts?.persistence) {
      out.push(htmlFigure('chart-course-persistence', charts.persistence, 'Share of courses still persistent by days since therapy start (all courses with follow-up); the curve stops where fewer than min_cell courses remain at risk.'));
    } else {
      out.push('<p class="note">No persistence curve: too few courses at risk to show one.</p>');
    }
    out.push(htmlTable('Kaplan-Meier persistence by group', tables.persistence.header, tables.persistence.rows, tables.persistence.header.map((_, index) => index > 0)));
  }
  out.push('</section>');
  return out.join('\n');
}
