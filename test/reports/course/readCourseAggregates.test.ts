import { describe, expect, it } from 'vitest';
import { withDb, type Db } from '../../../pipeline/db.js';
import { readCourseAggregates } from '../../../reports/course/readCourseAggregates.js';

const CREATE = `
  create table episode_course (
    episode_id varchar, course_status varchar, first_ingredient varchar, new_user boolean,
    covered_days integer, outpatient_days integer, pdc decimal(5, 4), adherent boolean,
    discontinued boolean, persistence_days integer
  )`;

/**
 * Eight episodes, worked by hand:
 * - e1 has an episode exclusion (no course_status): not counted anywhere.
 * - e2 not_started; e3 no_follow_up (alendronate): counted by status only.
 * - complete: pdc 0.1 (alendronate, new, discontinued day 40), 0.6 (denosumab, prior, discontinued day 200),
 *   0.8 (alendronate, new, 365 days persistent), 1.0 (alendronate, prior, 365 days persistent).
 * - censored: alendronate new user censored at day 40 (not discontinued); denosumab prior user
 *   discontinued at day 100 before its follow-up ended.
 */
const ROWS = `
  insert into episode_course values
    ('e1', null, null, null, null, null, null, null, null, null),
    ('e2', 'not_started', null, null, null, null, null, null, null, null),
    ('e3', 'no_follow_up', 'alendronate', true, null, null, null, null, null, null),
    ('e4', 'complete', 'alendronate', true, 10, 100, 0.1000, false, true, 40),
    ('e5', 'complete', 'denosumab', false, 60, 100, 0.6000, false, true, 200),
    ('e6', 'complete', 'alendronate', true, 80, 100, 0.8000, true, false, 365),
    ('e7', 'complete', 'alendronate', false, 100, 100, 1.0000, true, false, 365),
    ('e8', 'censored', 'alendronate', true, 30, 35, 0.8571, true, false, 40),
    ('e9', 'censored', 'denosumab', false, 50, 150, 0.3333, false, true, 100)`;

async function withCourses<T>(fn: (db: Db) => Promise<T>, rows = ROWS): Promise<T> {
  return withDb({ threads: 1 }, async (db) => {
    await db.run(CREATE);
    await db.run(rows);
    return fn(db);
  });
}

describe('readCourseAggregates', () => {
  it('is undefined when the run made no episode_course table', async () => {
    await withDb({ threads: 1 }, async (db) => {
      expect(await readCourseAggregates(db)).toBeUndefined();
    });
  });

  it('gives zero counts, not missing ones, when the table is empty (a run without episodes)', async () => {
    const course = (await withCourses(readCourseAggregates, 'select 1'))!;
    expect(course.statusCounts).toEqual({ not_started: 0, no_follow_up: 0, complete: 0, censored: 0 });
    const overall = course.groups.find((group) => group.dimension === 'all')!;
    expect([overall.complete, overall.adherent, overall.withFollowUp]).toEqual([0, 0, 0]);
  });

  it('counts episodes by course status, leaving out episodes with an episode exclusion', async () => {
    const course = (await withCourses(readCourseAggregates))!;
    expect(course.statusCounts).toEqual({ not_started: 1, no_follow_up: 1, complete: 4, censored: 2 });
  });

  it('gives quartiles of pdc by linear interpolation (type 7) over complete courses only', async () => {
    const course = (await withCourses(readCourseAggregates))!;
    const quartiles = (dimension: string, level: string) => course.groups.find((group) => group.dimension === dimension && group.level === level)!.pdcQuartiles!;
    // 0.1, 0.6, 0.8, 1.0: h = 3p; Q1 = 0.1 + 0.75 x 0.5, median = (0.6 + 0.8) / 2, Q3 = 0.8 + 0.25 x 0.2.
    const all = quartiles('all', 'all');
    expect(all.q1).toBeCloseTo(0.475, 10);
    expect(all.median).toBeCloseTo(0.7, 10);
    expect(all.q3).toBeCloseTo(0.85, 10);
    // alendronate 0.1, 0.8, 1.0: h = 2p; Q1 = 0.1 + 0.5 x 0.7, median 0.8, Q3 = 0.8 + 0.5 x 0.2.
    const alendronate = quartiles('first_ingredient', 'alendronate');
    expect([alendronate.q1, alendronate.median, alendronate.q3].map((value) => Number(value.toFixed(10)))).toEqual([0.45, 0.8, 0.9]);
    // new users 0.1, 0.8: Q1 = 0.1 + 0.25 x 0.7, median 0.45, Q3 = 0.1 + 0.75 x 0.7 (the censored 0.8571 is not a complete course).
    const newUsers = quartiles('new_user', 'true');
    expect([newUsers.q1, newUsers.median, newUsers.q3].map((value) => Number(value.toFixed(10)))).toEqual([0.275, 0.45, 0.625]);
    const denosumab = quartiles('first_ingredient', 'denosumab');
    expect([denosumab.q1, denosumab.median, denosumab.q3]).toEqual([0.6, 0.6, 0.6]);
  });

  it('counts complete, adherent and followed courses per group, in report order', async () => {
    const course = (await withCourses(readCourseAggregates))!;
    expect(course.groups.map(({ dimension, level, complete, adherent, withFollowUp }) => [dimension, level, complete, adherent, withFollowUp])).toEqual([
      ['all', 'all', 4, 2, 6],
      ['first_ingredient', 'alendronate', 3, 2, 4],
      ['first_ingredient', 'denosumab', 1, 0, 2],
      ['new_user', 'true', 2, 1, 3],
      ['new_user', 'false', 2, 1, 3],
    ]);
  });

  it('groups persistence by distinct persistence_days: events are discontinued courses, the rest censored', async () => {
    const course = (await withCourses(readCourseAggregates))!;
    const persistence = (dimension: string, level: string) => course.groups.find((group) => group.dimension === dimension && group.level === level)!.persistence;
    expect(persistence('all', 'all')).toEqual([
      { time: 40, events: 1, censored: 1 },
      { time: 100, events: 1, censored: 0 },
      { time: 200, events: 1, censored: 0 },
      { time: 365, events: 0, censored: 2 },
    ]);
    expect(persistence('first_ingredient', 'denosumab')).toEqual([
      { time: 100, events: 1, censored: 0 },
      { time: 200, events: 1, censored: 0 },
    ]);
  });

  it('bins complete courses by covered/outpatient days, lower edge inclusive, 1.0 in the last bin', async () => {
    const course = (await withCourses(readCourseAggregates))!;
    expect(course.pdcHistogram).toEqual([0, 1, 0, 0, 0, 0, 1, 0, 1, 1]);
  });

  it('names a missing column and a course lacking a needed value, without any episode id', async () => {
    await withDb({ threads: 1 }, async (db) => {
      await db.run('create table episode_course (episode_id varchar, course_status varchar)');
      await expect(readCourseAggregates(db)).rejects.toThrow(/missing column\(s\) first_ingredient, new_user/);
    });
    const broken = `insert into episode_course values ('secret-1', 'complete', 'alendronate', true, 10, 100, null, false, true, 40)`;
    const error = await withCourses(readCourseAggregates, broken).catch((caught: Error) => caught);
    expect(String(error)).toMatch(/1 with no valid pdc/);
    expect(String(error)).not.toContain('secret-1');
  });

  it('reads new_user, adherent and discontinued written as true/false text', async () => {
    const text = await withDb({ threads: 1 }, async (db) => {
      await db.run(CREATE.replaceAll('boolean', 'varchar'));
      await db.run(ROWS);
      return readCourseAggregates(db);
    });
    const booleans = await withCourses(readCourseAggregates);
    expect(text).toEqual(booleans);
  });
});

describe('pdc quartiles from counts', () => {
  it('agree with DuckDB quantile_cont on 997 courses with many ties, overall and per group', async () => {
    await withDb({ threads: 1 }, async (db) => {
      await db.run(CREATE);
      // pdc takes 41 distinct values (many ties); the group sizes 997, ~332 and ~498 give fractional positions h.
      await db.run(`
        insert into episode_course
        select 'e' || i, 'complete', ['alendronate', 'denosumab', 'risedronate'][i % 3 + 1], i % 2 = 0,
               (i * 7919) % 41, 40, round(((i * 7919) % 41) / 40, 4), (i * 7919) % 41 >= 32, false, 365
        from range(997) as t(i)
      `);
      const expected = await db.all<{ dimension: string; level: string; q1: number; median: number; q3: number }>(`
        select 'all' as dimension, 'all' as level, quantile_cont(pdc::double, 0.25) as q1, quantile_cont(pdc::double, 0.5) as median, quantile_cont(pdc::double, 0.75) as q3 from episode_course
        union all
        select 'first_ingredient', first_ingredient, quantile_cont(pdc::double, 0.25), quantile_cont(pdc::double, 0.5), quantile_cont(pdc::double, 0.75) from episode_course group by first_ingredient
        union all
        select 'new_user', new_user::varchar, quantile_cont(pdc::double, 0.25), quantile_cont(pdc::double, 0.5), quantile_cont(pdc::double, 0.75) from episode_course group by new_user
      `);
      const course = (await readCourseAggregates(db))!;
      expect(course.groups).toHaveLength(6);
      for (const row of expected) {
        const group = course.groups.find((candidate) => candidate.dimension === row.dimension && candidate.level === row.level)!;
        expect(group.pdcQuartiles!.q1).toBeCloseTo(row.q1, 12);
        expect(group.pdcQuartiles!.median).toBeCloseTo(row.median, 12);
        expect(group.pdcQuartiles!.q3).toBeCloseTo(row.q3, 12);
      }
    });
  });
});
