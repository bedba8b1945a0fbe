// episodes.csv / episodes.parquet (docs/contracts.md, Outputs) from real runs of the CLI on the
// committed synthetic samples: the contract columns, the sort, pseudonymisation, and course columns
// that agree with each other on every row (docs/rules.md §8).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { episodeExportColumns } from '../../pipeline/rules/episodeExportColumns.js';
import { quotedString } from '../../pipeline/sql.js';
import { parseCsv } from '../helpers/parseCsv.js';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir } from '../helpers/tempDir.js';

const samples = join(import.meta.dirname, '..', '..', 'sample-data');
const temp = makeTempDir();
afterAll(() => temp.cleanup());

const contractColumns = episodeExportColumns(['untreated-12m', 'calcium-vitamin-d', 'early-augmentation']);

type Episode = Record<string, string>;

/** Parses an RFC 4180 CSV (patient_gaps.evidence_display holds quoted commas). */
function readCsv(path: string): { header: string[]; rows: Episode[] } {
  const [header, ...records] = parseCsv(readFileSync(path, 'utf8'));
  const rows = records.map((cells) => {
    expect(cells).toHaveLength(header!.length);
    return Object.fromEntries(header!.map((name, index) => [name, cells[index]!]));
  });
  return { header: header!, rows };
}

const daysBetween = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** covered / outpatient rounded half up to 4 decimals, in integers, as 4-decimal text. */
function pdcText(covered: number, outpatient: number): string {
  const tenThousandths = Math.floor((20_000 * covered + outpatient) / (2 * outpatient));
  return `${Math.floor(tenThousandths / 10_000)}.${String(tenThousandths % 10_000).padStart(4, '0')}`;
}

/** Every §8 consistency rule one row must satisfy; returns the broken ones. */
function courseProblems(row: Episode, asOf: string): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what);
  };
  const courseCells = contractColumns.slice(contractColumns.indexOf('course_status'));
  const emptyExcept = (kept: string[]): boolean => courseCells.every((column) => kept.includes(column) || row[column] === '');
  if (row.death_date !== '') check(row.death_date! <= asOf, 'death after as_of shown');
  if (row.episode_exclusion !== '') {
    check(emptyExcept([]), 'excluded episode with course columns');
    return problems;
  }
  const status = row.course_status!;
  check(['not_started', 'no_follow_up', 'complete', 'censored'].includes(status), `unknown course_status ${status}`);
  if (status === 'not_started') {
    check(emptyExcept(['course_status']), 'not_started with course columns');
    return problems;
  }
  const start = row.therapy_start_date!;
  const followUpDays = Number(row.follow_up_days);
  const outpatientDays = Number(row.outpatient_days);
  check(daysBetween(row.index_date!, start) >= 0 && daysBetween(row.index_date!, start) <= 365, 'start outside [index, index + 365]');
  check(start <= asOf, 'start after as_of');
  check(['true', 'false'].includes(row.new_user!), 'new_user not a boolean');
  check(row.first_ingredient !== '', 'no first_ingredient');
  check(followUpDays === Math.max(0, daysBetween(start, row.follow_up_end_date!) + 1), 'follow_up_days != end - start + 1');
  check(followUpDays <= 365 && outpatientDays <= followUpDays, 'outpatient_days > follow_up_days or > course_days');
  check(row.follow_up_end_date! <= asOf, 'follow-up past as_of');
  if (status === 'no_follow_up') {
    check(outpatientDays === 0, 'no_follow_up with outpatient days');
    check(emptyExcept(['course_status', 'therapy_start_date', 'first_ingredient', 'new_user', 'follow_up_end_date', 'censor_reason', 'follow_up_days', 'outpatient_days']), 'no_follow_up with supply columns');
    return problems;
  }
  const covered = Number(row.covered_days);
  const persistence = Number(row.persistence_days);
  check(outpatientDays > 0 && covered >= 1 && covered <= outpatientDays, 'covered_days outside [1, outpatient_days]');
  check(row.pdc === pdcText(covered, outpatientDays), `pdc ${row.pdc} != ${pdcText(covered, outpatientDays)}`);
  check(row.adherent === String(covered * 5 >= outpatientDays * 4), 'adherent disagrees with covered_days >= 0.8 x outpatient_days');
  check(persistence >= 1 && persistence <= followUpDays, 'persistence_days outside [1, follow_up_days]');
  if (row.discontinued === 'true') {
    check(persistence === daysBetween(start, row.discontinuation_date!), 'persistence_days != discontinuation_date - start');
    // A discontinuing gap holds more than 60 uncovered outpatient days.
    check(outpatientDays - covered > 60, 'discontinued with at most 60 uncovered days');
  } else {
    check(row.discontinued === 'false' && row.discontinuation_date === '', 'discontinued not a boolean');
    check(persistence === followUpDays, 'persistence_days != follow_up_days without discontinuation');
  }
  const ingredients = row.ingredients!.split('+');
  check([...new Set(ingredients)].sort().join('+') === row.ingredients, 'ingredients not distinct and sorted');
  check(ingredients.includes(row.first_ingredient!), 'first_ingredient not among ingredients');
  check(row.switched === String(ingredients.length > 1), 'switched disagrees with ingredients');
  if (status === 'complete') check(row.censor_reason === '' && followUpDays === 365, 'complete course not observed for 365 days');
  else check(['died', 'disenrolled', 'as_of'].includes(row.censor_reason!) && followUpDays < 365, 'censored without a reason');
  if (row.censor_reason === 'died') check(row.death_date === row.follow_up_end_date, 'died, but follow-up does not end on the death date');
  if (row.censor_reason === 'as_of') check(row.follow_up_end_date === asOf, 'as_of, but follow-up does not end on as_of');
  // A course starts with a therapy event in [index, index + 365]: rule A is closed, or excluded by the person window.
  check(['closed', 'excluded'].includes(row.untreated_12m_status!), 'course started but rule A not closed');
  return problems;
}

describe.each([
  ['events', '2025-12-31'],
  ['claims', '2025-12-31'],
])('caregap run on the committed %s sample: episodes.csv and episodes.parquet', (format, asOf) => {
  const out = join(temp.dir, format);
  beforeAll(() => {
    const input = join(samples, format);
    const result = runCli(['run', '--input', input, '--valuesets', join(input, 'valuesets'), '--out', out, '--quiet', '--as-of', asOf]);
    expect(result.code, result.stderr).toBe(0);
  });

  it('has the contract columns in order, one row per episode, sorted by person_id and index_date', async () => {
    const { header, rows } = readCsv(join(out, 'episodes.csv'));
    expect(header).toEqual(contractColumns);
    const gapEpisodes = new Set(readCsv(join(out, 'patient_gaps.csv')).rows.map((row) => row.episode_id));
    expect(rows.map((row) => row.episode_id).sort()).toEqual([...gapEpisodes].sort());
    const keys = rows.map((row) => `${row.person_id}\u0000${row.index_date}`);
    expect(keys).toEqual([...keys].sort());
    const db = await Db.open({ threads: 1 });
    try {
      const parquet = quotedString(join(out, 'episodes.parquet'));
      expect(await db.columns(`(select * from read_parquet(${parquet}))`)).toEqual(contractColumns);
      const counted = await db.one<{ n: number }>(`select count(*)::integer as n from read_parquet(${parquet})`);
      expect(counted?.n).toBe(rows.length);
    } finally {
      db.close();
    }
  });

  it('has course columns that agree with each other on every row (docs/rules.md §8)', () => {
    const { rows } = readCsv(join(out, 'episodes.csv'));
    const broken = rows.flatMap((row) => courseProblems(row, asOf).map((problem) => `${row.episode_id}: ${problem}`));
    expect(broken).toEqual([]);
    // The sample holds started courses with and without discontinuation: the checks above ran.
    expect(rows.filter((row) => row.discontinued === 'true').length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.discontinued === 'false').length).toBeGreaterThan(0);
  });

  it('records the course parameters in the manifest', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { parameters: Record<string, unknown>; stages: { stage: string }[] };
    expect(manifest.parameters).toMatchObject({ courseDays: 365, permissibleGapDays: 60, adherenceThreshold: 0.8 });
    expect(manifest.stages.map((stage) => stage.stage)).toEqual(expect.arrayContaining(['therapy-course', 'write episodes']));
  });
});

describe('episodes.csv with --pseudonymize-key and course options', () => {
  it('hashes person ids as in patient_gaps and applies --permissible-gap-days', () => {
    const input = join(samples, 'events');
    const keyFile = join(temp.dir, 'key');
    writeFileSync(keyFile, 'an-episodes-test-key-of-enough-bytes\n');
    const out = join(temp.dir, 'pseudonymized');
    const result = runCli(['run', '--input', input, '--valuesets', join(input, 'valuesets'), '--out', out, '--quiet',
      '--pseudonymize-key', keyFile, '--permissible-gap-days', '400']);
    expect(result.code, result.stderr).toBe(0);
    const episodes = readCsv(join(out, 'episodes.csv')).rows;
    const gapPersons = new Set(readCsv(join(out, 'patient_gaps.csv')).rows.map((row) => row.person_id));
    for (const row of episodes) {
      expect(row.person_id).toMatch(/^[0-9a-f]{64}$/);
      expect(gapPersons.has(row.person_id!)).toBe(true);
      expect(row.episode_id!.startsWith(`${row.person_id}:`)).toBe(true);
    }
    // Sorted by the pseudonyms, which order differently from the ids: the writers sort again after
    // pseudonymising instead of copying the rows in the order the rule pack stored them.
    const episodeKeys = episodes.map((row) => `${row.person_id}\u0000${row.index_date}`);
    expect(new Set(episodeKeys).size).toBeGreaterThan(2);
    expect(episodeKeys).toEqual([...episodeKeys].sort());
    const gapKeys = readCsv(join(out, 'patient_gaps.csv')).rows.map((row) => `${row.person_id}\u0000${row.index_date}\u0000${row.rule_id}`);
    expect(gapKeys).toEqual([...gapKeys].sort());
    // No run of uncovered days inside a 365-day course can exceed 400 days.
    expect(episodes.filter((row) => row.discontinued === 'true')).toEqual([]);
    expect(readFileSync(join(out, 'episodes.csv'), 'utf8')).not.toMatch(/P0000/);
  });

  it('refuses an adherence threshold above 1 with exit 2 before any work', () => {
    const out = join(temp.dir, 'bad-threshold');
    const result = runCli(['run', '--input', join(samples, 'events'), '--out', out, '--adherence-threshold', '1.5']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/--adherence-threshold/);
  });
});
