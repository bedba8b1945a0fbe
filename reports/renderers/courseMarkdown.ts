import type { TherapyCourseReport } from '../course/therapyCourseReport.js';
import { COURSE_INTRO, NO_COURSE_TEXT, courseTables } from './courseText.js';
import { markdownTable } from './markdownTable.js';

/**
 * The therapy-course section of summary.md (docs/rules.md §8): status counts, adherence and
 * persistence by group, the pdc distribution; or, when no course started, a plain sentence saying so.
 * Pure: lines of Markdown from the suppressed model.
 */
export function renderCourseMarkdown(course: TherapyCourseReport): string[] {
  const tables = courseTables(course);
  const out: string[] = ['## Therapy course: adherence and persistence', ''];
  if (course.noCourse) out.push(`**${NO_COURSE_TEXT}**`, '');
  else out.push(COURSE_INTRO, '');
  out.push(markdownTable(tables.status.header, tables.status.rows, [false, true]), '');
  if (course.noCourse) return out;
  out.push('### Adherence (complete courses)', '');
  out.push(markdownTable(tables.adherence.header, tables.adherence.rows, [false, true, true, true, true]), '');
  out.push('### Persistence (Kaplan-Meier)', '');
  out.push(markdownTable(tables.persistence.header, tables.persistence.rows, tables.persistence.header.map((_, index) => index > 0)), '');
  out.push('### Proportion of days covered (complete courses)', '');
  out.push(markdownTable(tables.histogram.header, tables.histogram.rows, [false, true]), '');
  return out;
}
