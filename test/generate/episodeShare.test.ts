import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { withDb } from '../../pipeline/db.js';
import { projectRoot } from '../../pipeline/projectRoot.js';
import { quotedString } from '../../pipeline/sql.js';
import { ndcOf } from '../../sample-data/generator/syntheticNdc.js';
import { compareCourseWithTruth, formatCourseAgreement } from '../../pipeline/verify/compareCourseWithTruth.js';
import { compareWithTruth, formatAgreement } from '../../pipeline/verify/compareWithTruth.js';

const run = promisify(execFile);
const persons = 4000;
const root = mkdtempSync(join(tmpdir(), 'caregap-episode-share-'));
const repo = projectRoot();
const csv = (path: string): string => `read_csv(${quotedString(path)}, all_varchar = true, header = true)`;

afterAll(() => rmSync(root, { recursive: true, force: true }));

// The CLI runs from dist/, which the suite's globalSetup has built.
describe('caregap generate --episode-share', () => {
  it('gives 1% of persons an episode, background care to the rest, and the pipeline agrees with the truth', async () => {
    const data = join(root, 'claims');
    const out = join(root, 'claims-out');
    await run('node', ['bin/caregap.js', 'generate', '--persons', String(persons), '--seed', '5', '--format', 'claims', '--episode-share', '0.01',
      '--threads', '2', '--out', data], { cwd: repo });
    expect(JSON.parse(readFileSync(join(data, 'generation.json'), 'utf8')).episode_share).toBe(0.01);
    await withDb({ threads: 2 }, async (db) => {
      const withEpisode = await db.one<{ n: string }>(`select count(distinct split_part(episode_id, ':', 1)) as n from ${csv(join(data, 'truth.csv'))}`);
      // 1% of 4,000 is 40; a binomial draw stays within 20-65 with overwhelming probability.
      expect(Number(withEpisode?.n)).toBeGreaterThanOrEqual(20);
      expect(Number(withEpisode?.n)).toBeLessThanOrEqual(65);
      // The others: osteoporosis therapy without a fracture, supplements, everyday diagnoses.
      const fills = await db.one<{ therapy: string; supplement: string }>(
        `select count(distinct person_id) filter (where ndc_code = '${ndcOf('alendronate')}') as therapy,
           count(distinct person_id) filter (where ndc_code in ('${ndcOf('calcium600')}', '${ndcOf('vitd1000')}', '${ndcOf('calcium_d')}')) as supplement
         from (select person_id, replace(ndc_code, '-', '') as ndc_code from ${csv(join(data, 'pharmacy_claim.csv'))})`,
      );
      expect(Number(fills?.therapy)).toBeGreaterThan(40);
      expect(Number(fills?.supplement)).toBeGreaterThan(200);
    });
    await run('node', ['bin/caregap.js', 'run', '--input', data, '--format', 'claims', '--valuesets', join(data, 'valuesets'), '--out', out,
      '--threads', '2', '--quiet'], { cwd: repo });
    const agreement = await compareWithTruth(join(data, 'truth.csv'), join(out, 'patient_gaps.csv'), 20);
    expect(agreement.mismatches, formatAgreement(agreement)).toEqual([]);
    const course = await compareCourseWithTruth(join(data, 'truth_episodes.csv'), join(out, 'episodes.csv'), 20);
    expect(course.mismatches, formatCourseAgreement(course)).toEqual([]);
    expect(course.truthEpisodes).toBe(agreement.truthRows / 3);
  }, 120_000);

  it.each(['1.5', '-0.1', 'many'])('refuses %s with exit code 2, naming the option', async (share) => {
    const failed = await run('node', ['bin/caregap.js', 'generate', '--persons', '10', '--seed', '1', '--format', 'claims', '--episode-share', share,
      '--out', join(root, 'refused')], { cwd: repo }).then(() => null, (error: { code: number; stderr: string }) => error);
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain('--episode-share');
  });
});
