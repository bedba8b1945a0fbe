import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../pipeline/db.js';
import { renderCharts } from '../../../reports/charts/renderCharts.js';
import type { RawCourseAggregates } from '../../../reports/course/rawCourseAggregates.js';
import { buildReportModel } from '../../../reports/model/buildReportModel.js';
import { NO_COURSE_TEXT } from '../../../reports/renderers/courseText.js';
import { renderReportHtml } from '../../../reports/renderers/reportHtml.js';
import { renderSummaryJson } from '../../../reports/renderers/summaryJson.js';
import { renderSummaryMarkdown } from '../../../reports/renderers/summaryMarkdown.js';
import { writeReports } from '../../../reports/writeReports.js';
import { SAMPLE_RUN, sampleAttrition } from '../fixtures/sampleRun.js';
import { withSampleDb } from '../fixtures/withSampleDb.js';
import { courseGroup, uniformCourses } from './courseFixtures.js';

function modelOf(course: RawCourseAggregates | undefined, minCell = 11) {
  return buildReportModel({
    run: SAMPLE_RUN,
    attrition: { qualifyingDiagnoses: 30, personsWithQualifyingDiagnosis: 11, episodes: 11 },
    rules: [],
    minCell,
    supplementsVisible: true,
    pseudonymized: false,
    ...(course ? { course } : {}),
  });
}

describe('therapy course section in summary.md, summary.json and report.html', () => {
  it('prints the suppressed figures as tables in Markdown', () => {
    const markdown = renderSummaryMarkdown(modelOf(uniformCourses(11)));
    expect(markdown).toContain('## Therapy course: adherence and persistence');
    expect(markdown).toContain('| All courses | 11 | 0.7500 (0.5000-0.9000) | 0 | 0.0% (0.0-25.9) |');
    expect(markdown).toContain('| Group | Courses with follow-up | Persistent at day 90 | At risk day 90 | Persistent at day 180 | At risk day 180 | Persistent at day 365 | At risk day 365 |');
    expect(markdown).toContain('| All courses | 11 | 100.0% | 11 | (s) | (s) | (s) | (s) |');
    expect(markdown).toContain('| First ingredient: alendronate | 11 |');
    expect(markdown).toContain('| New users | 11 |');
    expect(markdown).toContain('| 0.5 to < 0.6 | 11 |');
    expect(markdown).toContain('| 0.9 to 1.0 (inclusive) | 0 |');
    expect(markdown).not.toContain(NO_COURSE_TEXT);
  });

  it('writes a therapy_course object to summary.json, with "suppressed" where the model hides a value', () => {
    const json = JSON.parse(renderSummaryJson(modelOf(uniformCourses(11))));
    const course = json.therapy_course;
    expect(course.noCourse).toBe(false);
    expect(course.statusCounts).toEqual({ not_started: 0, no_follow_up: 0, complete: 11, censored: 0 });
    expect(course.groups[0]).toMatchObject({ dimension: 'all', level: 'all', completeCourses: 11, pdc: { q1: 0.5, median: 0.75, q3: 0.9 }, adherent: 0 });
    expect(course.groups[0].persistence).toEqual([
      { day: 90, atRisk: 11, survival: 1 },
      { day: 180, atRisk: 'suppressed', survival: 'suppressed' },
      { day: 365, atRisk: 'suppressed', survival: 'suppressed' },
    ]);
    expect(course.persistenceCurve).toEqual([{ day: 0, survival: 1 }, { day: 90, survival: 1 }, { day: 100, survival: 0.9091 }]);
  });

  it('draws the persistence step curve and the pdc histogram in report.html, and says so when the curve is suppressed', async () => {
    const shown = modelOf(uniformCourses(11));
    const html = renderReportHtml(shown, await renderCharts(shown));
    expect(html).toContain('<section id="therapy-course">');
    expect(html).toMatch(/<figure class="chart" id="chart-course-persistence">\n<svg role="img" aria-label="Persistence on therapy/);
    expect(html).toMatch(/<figure class="chart" id="chart-course-pdc">\n<svg /);
    const hidden = modelOf(uniformCourses(10));
    const hiddenHtml = renderReportHtml(hidden, await renderCharts(hidden));
    expect(hiddenHtml).not.toContain('chart-course-persistence');
    expect(hiddenHtml).not.toContain('chart-course-pdc');
    expect(hiddenHtml).toContain('No persistence curve: too few courses at risk to show one.');
  });

  it('says plainly that no course exists when every episode is not_started, in every format', async () => {
    const none: RawCourseAggregates = {
      statusCounts: { not_started: 11, no_follow_up: 0, complete: 0, censored: 0 },
      groups: [courseGroup('all', 'all', 0, 0, [])],
      pdcHistogram: new Array(10).fill(0),
    };
    const model = modelOf(none);
    const markdown = renderSummaryMarkdown(model);
    expect(markdown).toContain(`**${NO_COURSE_TEXT}**`);
    expect(markdown).not.toContain('### Adherence');
    const html = renderReportHtml(model, await renderCharts(model));
    expect(html).toContain('id="no-course"');
    expect(html).not.toContain('<h3>Persistence');
    expect(JSON.parse(renderSummaryJson(model)).therapy_course.noCourse).toBe(true);
  });

  it('adds nothing to any format when the run has no episode_course table', async () => {
    const model = modelOf(undefined);
    expect(model.therapyCourse).toBeUndefined();
    expect(renderSummaryMarkdown(model)).not.toContain('Therapy course');
    expect(renderSummaryJson(model)).not.toContain('therapy_course');
    expect(renderReportHtml(model, await renderCharts(model))).not.toContain('therapy-course');
  });
});

/**
 * Makes an episode_course table beside the synthetic patient_gaps: one row per episode of rule A, no
 * course for the docs/rules.md §2 exclusions, and deterministic course values from the episode's rank.
 */
async function addEpisodeCourse(db: Db): Promise<void> {
  await db.run(`
    create table episode_course as
    with ranked as (
      select episode_id, reason, row_number() over (order by episode_id) as n
      from patient_gaps
      where rule_id = 'untreated-12m'
    )
    select
      episode_id,
      case
        when reason in ('unknown_age', 'age_under_min', 'malignancy') then null
        when n % 5 = 0 then 'not_started'
        when n % 97 = 0 then 'no_follow_up'
        when n % 7 = 0 then 'censored'
        else 'complete'
      end as course_status,
      ['alendronate', 'denosumab', 'zoledronic acid'][n % 3 + 1] as first_ingredient,
      n % 4 <> 0 as new_user,
      (n * 37) % 366 as covered_days,
      365 as outpatient_days,
      round(((n * 37) % 366) / 365, 4)::decimal(5, 4) as pdc,
      (n * 37) % 366 >= 0.8 * 365 as adherent,
      n % 3 = 0 as discontinued,
      case when n % 3 = 0 then (n * 13) % 300 + 1 when n % 7 = 0 then (n * 11) % 364 + 1 else 365 end as persistence_days
    from ranked
  `);
}

describe('writeReports with an episode_course table', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caregap-course-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads episode_course and puts the section in all three reports, the same bytes twice', async () => {
    const outputs: string[] = [];
    for (const name of ['a', 'b']) {
      const out = join(dir, name);
      const eligible = await withSampleDb(async (db) => {
        await addEpisodeCourse(db);
        await writeReports(db, { outDir: out, run: SAMPLE_RUN, minCell: 11, worklist: false, attrition: sampleAttrition(2000), supplementsVisible: false, arrowCopy: false });
        return (await db.one<{ n: number }>('select count(course_status)::integer as n from episode_course'))!.n;
      });
      const [json, markdown, html] = await Promise.all(['summary.json', 'summary.md', 'report.html'].map((file) => readFile(join(out, file), 'utf8')));
      const course = JSON.parse(json!).therapy_course;
      expect(course.noCourse).toBe(false);
      const shownEpisodes = typeof course.episodes === 'number' ? course.episodes : eligible;
      expect(shownEpisodes).toBe(eligible);
      expect(course.groups.map((group: { dimension: string; level: string }) => `${group.dimension}:${group.level}`)).toEqual([
        'all:all', 'first_ingredient:alendronate', 'first_ingredient:denosumab', 'first_ingredient:zoledronic acid', 'new_user:true', 'new_user:false',
      ]);
      expect(markdown).toContain('## Therapy course: adherence and persistence');
      expect(html).toContain('id="chart-course-persistence"');
      expect(html).toContain('id="chart-course-pdc"');
      outputs.push(json! + markdown! + html!);
    }
    expect(outputs[0]).toBe(outputs[1]);
  });
});
