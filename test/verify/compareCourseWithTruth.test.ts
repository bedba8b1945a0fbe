import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../pipeline/errors.js';
import { compareCourseWithTruth, formatCourseAgreement } from '../../pipeline/verify/compareCourseWithTruth.js';

const dir = mkdtempSync(join(tmpdir(), 'caregap-compare-course-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const course =
  'course_status,therapy_start_date,first_ingredient,ingredients,new_user,follow_up_end_date,censor_reason,follow_up_days,' +
  'outpatient_days,covered_days,pdc,adherent,discontinued,discontinuation_date,persistence_days,switched';
const truth = `episode_id,${course},scenario
P1:2024-01-01,complete,2024-01-10,alendronate,alendronate,true,2025-01-08,,365,365,300,0.8219,true,false,,365,false,course=regular
P2:2024-02-01,not_started,${','.repeat(15)},
P4:2024-03-01,${','.repeat(15)},
`;
// episodes.csv as the run writes it: the rule columns before the course columns are ignored.
const episodesHeader = `person_id,episode_id,index_date,untreated_12m_status,${course}`;

describe('compareCourseWithTruth (docs/rules.md §8 columns of episodes.csv)', () => {
  it('finds full agreement, empty cells included', async () => {
    writeFileSync(join(dir, 'truth_episodes.csv'), truth);
    writeFileSync(
      join(dir, 'same.csv'),
      `${episodesHeader}
P1,P1:2024-01-01,2024-01-01,closed,complete,2024-01-10,alendronate,alendronate,true,2025-01-08,,365,365,300,0.8219,true,false,,365,false
P2,P2:2024-02-01,2024-02-01,open,not_started,,,,,,,,,,,,,,,
P4,P4:2024-03-01,2024-03-01,excluded,,,,,,,,,,,,,,,,
`,
    );
    const agreement = await compareCourseWithTruth(join(dir, 'truth_episodes.csv'), join(dir, 'same.csv'));
    expect(agreement).toMatchObject({ truthEpisodes: 3, matched: 3, mismatches: [], byColumn: {} });
    expect(agreement.statuses).toEqual({ '': 1, complete: 1, not_started: 1 });
  });

  it('reports a wrong pdc, a missing episode and an extra one, cell by cell', async () => {
    writeFileSync(join(dir, 'truth_episodes.csv'), truth);
    writeFileSync(
      join(dir, 'diff.csv'),
      `${episodesHeader}
P1,P1:2024-01-01,2024-01-01,closed,complete,2024-01-10,alendronate,alendronate,true,2025-01-08,,365,365,300,0.822,true,false,,365,false
P2,P2:2024-02-01,2024-02-01,open,not_started,,,,,,,,,,,,,,,
P9,P9:2024-05-01,2024-05-01,open,not_started,,,,,,,,,,,,,,,
`,
    );
    const agreement = await compareCourseWithTruth(join(dir, 'truth_episodes.csv'), join(dir, 'diff.csv'));
    expect(agreement.matched).toBe(1);
    // The wrong value, and the missing and the extra episode, which differ in every column.
    expect(agreement.byColumn.pdc).toBe(3);
    expect(agreement.byColumn.switched).toBe(2);
    const cells = (column: string): string[][] =>
      agreement.mismatches.filter((row) => row.column === column).map((row) => [row.episode_id, row.expected, row.actual]);
    expect(cells('course_status')).toEqual([
      ['P4:2024-03-01', '', '(none)'],
      ['P9:2024-05-01', '(none)', 'not_started'],
    ]);
    expect(cells('pdc')[0]).toEqual(['P1:2024-01-01', '0.8219', '0.822']);
    // The missing and the extra episode are listed once each, by course_status.
    expect(agreement.mismatches.map((row) => `${row.episode_id} ${row.column}`)).toEqual([
      'P1:2024-01-01 pdc',
      'P4:2024-03-01 course_status',
      'P9:2024-05-01 course_status',
    ]);
    const report = formatCourseAgreement(agreement);
    expect(report).toContain("P1:2024-01-01 pdc: expected '0.8219', got '0.822'");
    expect(report).toContain("P4:2024-03-01: missing from the run (every column; truth course_status '')");
    expect(report).toContain("P9:2024-05-01: not in the truth (every column; run course_status 'not_started')");
    expect(report).toContain('mismatching cells per column: course_status 2, therapy_start_date 2,');
    const limited = await compareCourseWithTruth(join(dir, 'truth_episodes.csv'), join(dir, 'diff.csv'), 1);
    expect(limited.mismatches).toHaveLength(1);
    expect(limited.byColumn.pdc).toBe(3);
  });

  it('refuses a file without the course columns, naming it and the column (exit 2)', async () => {
    writeFileSync(join(dir, 'truth_episodes.csv'), truth);
    writeFileSync(join(dir, 'old.csv'), 'person_id,episode_id,index_date,course_status\nP1,P1:2024-01-01,2024-01-01,complete\n');
    const refused = compareCourseWithTruth(join(dir, 'truth_episodes.csv'), join(dir, 'old.csv'));
    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow(/old\.csv: missing column therapy_start_date, /);
    await expect(compareCourseWithTruth(join(dir, 'absent.csv'), join(dir, 'old.csv'))).rejects.toThrow(/absent\.csv: file not found/);
  });
});
