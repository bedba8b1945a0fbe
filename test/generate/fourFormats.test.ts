import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../pipeline/projectRoot.js';
import { generatePopulation } from '../../sample-data/generator/generatePopulation.js';
import { column, differingRows, readGaps, type GapsTable } from './comparePatientGaps.js';
import { compareCourseWithTruth, formatCourseAgreement } from '../../pipeline/verify/compareCourseWithTruth.js';
import { compareWithTruth, formatAgreement } from '../../pipeline/verify/compareWithTruth.js';

const run = promisify(execFile);
const persons = 5000;
const formats = ['events', 'claims', 'omop', 'fhir'] as const;
type Format = (typeof formats)[number];
const root = mkdtempSync(join(tmpdir(), 'caregap-four-formats-'));
const repo = projectRoot();
const dataDir = (format: Format): string => join(root, format);
const gapsFile = (format: Format): string => join(root, `${format}-out`, 'patient_gaps.csv');
const gaps = {} as Record<Format, GapsTable>;

/**
 * Where a format has no source for a patient_gaps column (docs/synthetic-data.md, "Four formats"):
 * site comes only from the events format's patients.csv; payer from patients.csv or the claims
 * eligibility rows. OMOP as read has neither (care_site, payer_plan_period are not loaded); FHIR's
 * Coverage.payor reaches coverage but not the person. These columns are compared only where carried.
 */
const carries: Record<Format, { site: boolean; payer: boolean }> = {
  events: { site: true, payer: true },
  claims: { site: false, payer: true },
  omop: { site: false, payer: false },
  fhir: { site: false, payer: false },
};

// The CLI runs from dist/, which the suite's globalSetup has built.
beforeAll(async () => {
  // One seed, one portable population, written four ways; the events one without registry content.
  for (const format of formats) {
    await generatePopulation({ persons, seed: 44, format, portable: format === 'events', out: dataDir(format), threads: 2 });
  }
  // Four single-threaded runs side by side: the loaders are largely sequential.
  await Promise.all(
    formats.map((format) =>
      run(
        'node',
        ['bin/caregap.js', 'run', '--input', dataDir(format), '--format', format, '--valuesets', join(dataDir(format), 'valuesets'),
          '--out', join(root, `${format}-out`), '--threads', '1', '--quiet', '--min-cell', '0'],
        { cwd: repo },
      ),
    ),
  );
  for (const format of formats) gaps[format] = readGaps(gapsFile(format));
}, 240_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe(`one portable population of ${persons} persons written as events, claims, omop and fhir`, () => {
  it('plants the same truth in every format', () => {
    const truth = readFileSync(join(dataDir('events'), 'truth.csv'), 'utf8');
    expect(truth.split('\n').length).toBeGreaterThan(persons);
    for (const format of formats) expect(readFileSync(join(dataDir(format), 'truth.csv'), 'utf8') === truth, format).toBe(true);
  });

  it('loads every row of every format: rejects.csv holds only its header', () => {
    for (const format of formats) {
      const rejects = readFileSync(join(root, `${format}-out`, 'rejects.csv'), 'utf8').trim().split('\n');
      expect(rejects.slice(1, 6), format).toEqual([]);
    }
  });

  it.each(formats.filter((format) => format !== 'events'))('%s gives the events patient_gaps.csv, site and payer aside', (format) => {
    const differences = differingRows(gaps.events, gaps[format], ['site', 'payer']);
    if (differences.length > 0) process.stderr.write(`events vs ${format}, first differing rows:\n${differences.join('\n')}\n`);
    expect(differences, differences.join('\n')).toEqual([]);
    expect(gaps[format].rows.length).toBeGreaterThan(persons);
  });

  it.each(formats)('%s fills site and payer exactly where it has a source for them', (format) => {
    for (const name of ['site', 'payer'] as const) {
      const values = column(gaps[format], name);
      if (carries[format][name]) expect(values, name).toEqual(column(gaps.events, name));
      else expect(new Set(values), name).toEqual(new Set(['']));
    }
    expect(new Set(column(gaps.events, 'site')).has('')).toBe(false);
  });

  it.each(formats)('%s agrees with the planted truth', async (format) => {
    const agreement = await compareWithTruth(join(dataDir(format), 'truth.csv'), gapsFile(format), 20);
    const report = formatAgreement(agreement);
    expect(agreement.truthRows).toBeGreaterThan(persons);
    expect(agreement.mismatches, report).toEqual([]);
  });

  it('plants the same course truth in every format', () => {
    const truth = readFileSync(join(dataDir('events'), 'truth_episodes.csv'), 'utf8');
    for (const format of formats) expect(readFileSync(join(dataDir(format), 'truth_episodes.csv'), 'utf8') === truth, format).toBe(true);
  });

  it.each(formats)('%s agrees with the planted therapy course on every column of episodes.csv from docs/rules.md §8', async (format) => {
    const agreement = await compareCourseWithTruth(join(dataDir(format), 'truth_episodes.csv'), join(root, `${format}-out`, 'episodes.csv'), 20);
    const report = formatCourseAgreement(agreement);
    expect(agreement.mismatches, report).toEqual([]);
    expect(agreement.matched).toBe(agreement.truthEpisodes);
    // The population must exercise the course, not only not_started episodes.
    expect(agreement.statuses.complete ?? 0, report).toBeGreaterThan(50);
    expect(agreement.statuses.censored ?? 0, report).toBeGreaterThan(50);
  });
});
