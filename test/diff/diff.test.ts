// `caregap diff` (docs/contracts.md): one hand-made (episode, rule) per change category, each
// named for the category it must produce, in two fake run folders (PREVIOUS as CSV, CURRENT as Parquet).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../pipeline/errors.js';
import { runDiff } from '../../pipeline/diff/runDiff.js';
import { readCsv } from '../helpers/readCsv.js';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';
import { writeRunFolder, type FixtureGap } from './runFolderFixture.js';

const temp = makeTempDir('caregap-diff-');
afterAll(() => temp.cleanup());
const at = (name: string): string => join(temp.dir, name);

const A = 'untreated-12m';
const B = 'calcium-vitamin-d';
const C = 'early-augmentation';

// [episode, rule, previous status/reason or null, current status/reason or null, expected change]
const cases: Array<[string, FixtureGap['rule'], string | null, string | null, string]> = [
  ['p01:2025-09-01', A, null, 'prospective/no_therapy', 'new_episode'],
  ['p02:2024-01-01', A, 'open/no_therapy', null, 'no_longer_present'],
  ['p03:2024-10-01', A, 'prospective/no_therapy', 'open/no_therapy', 'newly_open'],
  ['p04:2024-01-01', A, 'excluded/not_enrolled', 'open/no_therapy', 'newly_open'],
  ['p05:2024-01-01', A, 'open/no_therapy', 'closed/therapy_started', 'closed_since'],
  ['p06:2025-03-01', B, 'prospective/missing_calcium', 'closed/supplemented', 'closed_since'],
  ['p07:2024-01-01', A, 'open/no_therapy', 'open/no_therapy', 'still_open'],
  ['p08:2025-03-01', B, 'prospective/missing_vitamin_d', 'prospective/missing_vitamin_d', 'still_prospective'],
  ['p09:2025-03-01', A, 'prospective/no_therapy', 'excluded/died', 'became_excluded'],
  ['p10:2024-01-01', B, 'closed/supplemented', 'excluded/not_enrolled', 'became_excluded'],
  ['p11:2025-03-01', C, 'not_applicable/no_augmentation', 'closed/after_conservative_care', 'other_change'],
  ['p12:2024-01-01', A, 'excluded/died', 'closed/therapy_started', 'other_change'],
  ['p13:2024-01-01', A, 'closed/therapy_started', 'closed/therapy_active_at_fracture', 'unchanged'],
  ['p14:2024-01-01', C, 'not_applicable/no_augmentation', 'not_applicable/no_augmentation', 'unchanged'],
  ['p15:2024-01-01', B, 'closed/supplemented', 'open/missing_calcium', 'newly_open'],
  ['p16:2024-01-01', A, 'excluded/died', 'excluded/not_enrolled', 'unchanged'],
  ['p17:2024-01-01', A, 'open/no_therapy', 'prospective/no_therapy', 'other_change'],
  ['p18:2024-01-01', A, 'open/no_therapy', 'open/no_therapy', 'still_open'],
];
// Sites: p18 moved from site A to site B (the current run's site is shown); p02 exists only before.
const siteOf = (episode: string, side: 'previous' | 'current'): string | undefined =>
  episode.startsWith('p18') ? (side === 'previous' ? 'A' : 'B') : episode.startsWith('p0') ? 'A' : undefined;

function gapsOf(side: 'previous' | 'current'): FixtureGap[] {
  return cases.flatMap(([episode, rule, before, after]) => {
    const value = side === 'previous' ? before : after;
    if (value === null) return [];
    const [status = '', reason = ''] = value.split('/');
    return [{ episode, rule, status, reason, site: siteOf(episode, side) }];
  });
}

beforeAll(async () => {
  await writeRunFolder(at('previous'), gapsOf('previous'), { asOf: '2025-06-30' });
  await writeRunFolder(at('current'), gapsOf('current'), { asOf: '2025-12-31' }, true);
  await writeRunFolder(at('changed'), gapsOf('current'), { asOf: '2025-12-31', minAge: 55, valueSetHash: 'b'.repeat(64), ruleVersion: '1.1.0' });
});

describe('diff.csv', () => {
  it('gives every (episode, rule) the first change category that applies, sorted by person, episode and rule', async () => {
    await runDiff({ previous: at('previous'), current: at('current'), out: at('out') });
    const rows = readCsv(join(at('out'), 'diff.csv'));
    expect(rows.map((row) => [row.episode_id, row.rule_id, row.change])).toEqual(cases.map(([episode, rule, , , change]) => [episode, rule, change]));
    expect(Object.keys(rows[0]!)).toEqual([
      'person_id', 'episode_id', 'site', 'rule_id', 'previous_status', 'current_status', 'previous_reason', 'current_reason', 'change',
    ]);
  });

  it('keeps both statuses and reasons, empty on the side an episode is missing from', () => {
    const rows = readCsv(join(at('out'), 'diff.csv'));
    const row = (person: string) => rows.find((candidate) => candidate.person_id === person)!;
    expect(row('p01')).toMatchObject({ previous_status: '', current_status: 'prospective', previous_reason: '', current_reason: 'no_therapy', site: 'A' });
    expect(row('p02')).toMatchObject({ previous_status: 'open', current_status: '', site: 'A' });
    expect(row('p13')).toMatchObject({ previous_reason: 'therapy_started', current_reason: 'therapy_active_at_fracture', change: 'unchanged' });
    expect(row('p18').site).toBe('B');
    expect(row('p10').site).toBe('');
  });

  it('sorts several episodes and rules of one person by episode then rule', async () => {
    const gaps: FixtureGap[] = [
      { episode: 'q1:2025-01-01', rule: A, status: 'open', reason: 'no_therapy' },
      { episode: 'q1:2023-01-01', rule: C, status: 'open', reason: 'before_90_days' },
      { episode: 'q1:2023-01-01', rule: A, status: 'open', reason: 'no_therapy' },
      { episode: 'q0:2024-01-01', rule: B, status: 'open', reason: 'missing_calcium' },
    ];
    await writeRunFolder(at('sort-previous'), gaps.slice(1));
    await writeRunFolder(at('sort-current'), gaps.slice(0, 3));
    await runDiff({ previous: at('sort-previous'), current: at('sort-current'), out: at('sort-out') });
    expect(readCsv(join(at('sort-out'), 'diff.csv')).map((row) => `${row.episode_id} ${row.rule_id} ${row.change}`)).toEqual([
      'q0:2024-01-01 calcium-vitamin-d no_longer_present',
      'q1:2023-01-01 early-augmentation still_open',
      'q1:2023-01-01 untreated-12m still_open',
      'q1:2025-01-01 untreated-12m new_episode',
    ]);
  });
});

describe('diff.md', () => {
  it('counts rows per change and rule, and per site, exactly when suppression is off', async () => {
    await runDiff({ previous: at('previous'), current: at('current'), out: at('out-exact'), minCell: 0 });
    const markdown = readFileSync(join(at('out-exact'), 'diff.md'), 'utf8');
    // Columns: untreated-12m, calcium-vitamin-d, early-augmentation, all rules.
    expect(markdown).toContain('| Change | `untreated-12m` | `calcium-vitamin-d` | `early-augmentation` | All rules |');
    for (const line of [
      '| new_episode | 1 | 0 | 0 | 1 |',
      '| no_longer_present | 1 | 0 | 0 | 1 |',
      '| newly_open | 2 | 1 | 0 | 3 |',
      '| closed_since | 1 | 1 | 0 | 2 |',
      '| still_open | 2 | 0 | 0 | 2 |',
      '| still_prospective | 0 | 1 | 0 | 1 |',
      '| became_excluded | 1 | 1 | 0 | 2 |',
      '| other_change | 2 | 0 | 1 | 3 |',
      '| unchanged | 2 | 0 | 1 | 3 |',
      '| All changes | 12 | 4 | 2 | 18 |',
      // Site A: p01-p09 (p02 only before), site B: p18; the rest have no site.
      '| A | 1 | 1 | 2 | 2 | 1 | 1 | 1 | 0 | 0 | 9 |',
      '| B | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 1 |',
      '| (missing) | 0 | 0 | 1 | 0 | 0 | 0 | 1 | 3 | 3 | 8 |',
    ]) expect(markdown).toContain(line);
    expect(markdown).toContain('Small-cell suppression is off');
  });

  it('suppresses small counts by default so that none can be read or recomputed', async () => {
    await runDiff({ previous: at('previous'), current: at('current'), out: at('out-suppressed') });
    const markdown = readFileSync(join(at('out-suppressed'), 'diff.md'), 'utf8');
    const cells = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---') && !line.startsWith('| Change') && !line.startsWith('| Site'))
      .flatMap((line) => line.split('|').slice(2, -1).map((cell) => cell.trim()));
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(cell === '0' || cell === '(s)' || Number(cell) >= 11, cell).toBe(true);
    expect(cells).toContain('(s)');
  });
});

describe('runs that differ', () => {
  it('are compared all the same, with warnings naming the value sets, rule versions and parameters (not as_of)', async () => {
    const summary = await runDiff({ previous: at('previous'), current: at('changed'), out: at('out-changed') });
    expect(summary.warnings).toEqual([
      `value sets differ: hash ${'a'.repeat(12)} (version 2026.11) -> ${'b'.repeat(12)} (version 2026.11)`,
      'rule untreated-12m version differs: 1.0.0 -> 1.1.0',
      'parameter minAge: 50 -> 55',
    ]);
    const markdown = readFileSync(join(at('out-changed'), 'diff.md'), 'utf8');
    for (const warning of summary.warnings) expect(markdown).toContain(warning);
    expect(markdown).toContain('as_of differs (expected between monthly runs): "2025-06-30" -> "2025-12-31"');
  });

  it('warn nothing when only as_of differs', async () => {
    const summary = await runDiff({ previous: at('previous'), current: at('current'), out: at('out') });
    expect(summary.warnings).toEqual([]);
  });

  it('print the warnings on stderr from the command line', () => {
    const result = runCli(['diff', at('previous'), at('changed'), '--out', at('out-cli')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('caregap diff: warning: parameter minAge: 50 -> 55');
    expect(result.stderr).not.toContain('warning: as_of');
    expect(existsSync(join(at('out-cli'), 'diff.csv'))).toBe(true);
  });
});

describe('refusals (exit 2, nothing written)', () => {
  it('refuses a pseudonymised run against a plain one, and runs pseudonymised with different keys', async () => {
    await writeRunFolder(at('hashed-1'), [], { pseudonymized: true, keyFingerprint: '1'.repeat(64) });
    await writeRunFolder(at('hashed-1b'), [], { pseudonymized: true, keyFingerprint: '1'.repeat(64) });
    await writeRunFolder(at('hashed-2'), [], { pseudonymized: true, keyFingerprint: '2'.repeat(64) });
    await expect(runDiff({ previous: at('previous'), current: at('hashed-1'), out: at('refused') })).rejects.toThrow(/pseudonymised.*real person ids/);
    await expect(runDiff({ previous: at('hashed-1'), current: at('hashed-2'), out: at('refused') })).rejects.toThrow(/different keys/);
    expect(existsSync(at('refused'))).toBe(false);
    await expect(runDiff({ previous: at('hashed-1'), current: at('hashed-1b'), out: at('same-key') })).resolves.toMatchObject({ rows: 0 });
    const cli = runCli(['diff', at('hashed-1'), at('hashed-2'), '--out', at('refused')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/different keys/);
  });

  it('names a missing folder, a folder without a manifest and a foreign manifest', async () => {
    mkdirSync(at('no-manifest'));
    writeFileSync(join(at('no-manifest'), 'patient_gaps.csv'), 'x\n');
    await writeRunFolder(at('foreign'), [], { softwareName: 'other-tool' });
    await expect(runDiff({ previous: at('nowhere'), current: at('current'), out: at('refused') })).rejects.toThrow(`PREVIOUS ${at('nowhere')}: folder not found`);
    await expect(runDiff({ previous: at('previous'), current: at('no-manifest'), out: at('refused') })).rejects.toThrow(/CURRENT .*no-manifest: not a caregap run folder \(no manifest.json\)/);
    await expect(runDiff({ previous: at('foreign'), current: at('current'), out: at('refused') })).rejects.toThrow(/not written by caregap/);
    await expect(runDiff({ previous: at('out'), current: at('current'), out: at('refused') })).rejects.toThrow(/no patient_gaps/);
    const cli = runCli(['diff', at('nowhere'), at('current'), '--out', at('refused')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('nowhere: folder not found');
  });

  it('will not replace a folder of other files, a run being compared, or go without --out', async () => {
    writeFiles(at('precious'), { 'notes.txt': 'mine' });
    await expect(runDiff({ previous: at('previous'), current: at('current'), out: at('precious') })).rejects.toThrow(UsageError);
    expect(readFileSync(join(at('precious'), 'notes.txt'), 'utf8')).toBe('mine');
    await expect(runDiff({ previous: at('previous'), current: at('current'), out: at('current') })).rejects.toThrow(/is the input .* or contains it; nothing was changed/);
    await expect(runDiff({ previous: at('previous'), current: at('current'), out: temp.dir })).rejects.toThrow(/is the input .* or contains it; nothing was changed/);
    expect(existsSync(join(at('current'), 'patient_gaps.parquet'))).toBe(true);
    // An earlier diff output may be replaced.
    await expect(runDiff({ previous: at('previous'), current: at('current'), out: at('out') })).resolves.toBeDefined();
    const cli = runCli(['diff', at('previous'), at('current')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('--out');
  });
});
