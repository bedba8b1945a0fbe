// worklist.csv and worklists/ (docs/contracts.md, Outputs: worklist.csv), on the planted audit
// population (test/helpers/auditPopulation.ts) at as_of 2025-12-31.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonymKeyFingerprint } from '../../reports/pseudonymKeyFingerprint.js';
import { writeAuditPopulation } from '../helpers/auditPopulation.js';
import { csvHeader, readCsv } from '../helpers/readCsv.js';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir } from '../helpers/tempDir.js';

const temp = makeTempDir('caregap-worklist-');
afterAll(() => temp.cleanup());
const input = join(temp.dir, 'input');
const out = join(temp.dir, 'out');
const hashed = join(temp.dir, 'hashed');

beforeAll(() => {
  writeAuditPopulation(input);
  const plain = runCli(['run', '--input', input, '--as-of', '2025-12-31', '--out', out, '--worklist-by-site', '--quiet']);
  expect(plain.code, plain.stderr).toBe(0);
  const key = join(temp.dir, 'key');
  writeFileSync(key, 'a-long-enough-secret-key-for-tests\n');
  const pseudo = runCli(['run', '--input', input, '--as-of', '2025-12-31', '--out', hashed, '--worklist', '--pseudonymize-key', key, '--quiet']);
  expect(pseudo.code, pseudo.stderr).toBe(0);
});

const key = (row: Record<string, string>): string => `${row.person_id}|${row.index_date}|${row.rule_id}|${row.status}|${row.reason}|${row.due_date}`;

describe('worklist.csv', () => {
  it('holds exactly the open and prospective rows of rules A and B of patient_gaps', () => {
    const gaps = readCsv(join(out, 'patient_gaps.csv'));
    const expected = gaps
      .filter((row) => ['untreated-12m', 'calcium-vitamin-d'].includes(row.rule_id!) && ['open', 'prospective'].includes(row.status!))
      .map(key)
      .sort();
    const worklist = readCsv(join(out, 'worklist.csv'));
    expect(worklist.map(key).sort()).toEqual(expected);
    expect(worklist).toHaveLength(12);
    expect(worklist.some((row) => row.rule_id === 'early-augmentation')).toBe(false);
  });

  it('starts with the contract columns, in order', () => {
    expect(csvHeader(join(out, 'worklist.csv')).slice(0, 8)).toEqual([
      'person_id', 'site', 'rule_id', 'status', 'reason', 'index_date', 'due_date', 'days_until_due',
    ]);
  });

  it('sorts by site (none last), open before prospective, then due date, person and rule', () => {
    const order = readCsv(join(out, 'worklist.csv')).map((row) => `${row.site}|${row.person_id}|${row.rule_id}|${row.status}`);
    expect(order).toEqual([
      'North East|a1|calcium-vitamin-d|open',
      'North East|a1|untreated-12m|open',
      'North/East|a9|calcium-vitamin-d|open',
      'North/East|a9|untreated-12m|open',
      'North/East|a10|calcium-vitamin-d|prospective',
      'North/East|a2|calcium-vitamin-d|prospective',
      'North/East|a2|untreated-12m|prospective',
      'North/East|a8|calcium-vitamin-d|prospective',
      'North/East|a8|untreated-12m|prospective',
      'Ünïcode ✓|a4|calcium-vitamin-d|open',
      'Ünïcode ✓|a4|untreated-12m|open',
      '|a3|calcium-vitamin-d|open',
    ]);
  });

  it('gives days until due (due_date - as_of) for prospective rows and leaves open rows empty', () => {
    const rows = readCsv(join(out, 'worklist.csv'));
    const days = Object.fromEntries(rows.map((row) => [`${row.person_id}|${row.rule_id}`, [row.due_date, row.days_until_due]]));
    expect(days['a10|calcium-vitamin-d']).toEqual(['2026-03-01', '60']);
    expect(days['a2|untreated-12m']).toEqual(['2026-06-01', '152']);
    expect(days['a8|calcium-vitamin-d']).toEqual(['2026-09-01', '244']);
    expect(days['a1|untreated-12m']).toEqual(['', '']);
  });

  it('shows the latest evidence seen: past therapy for rule A, the latest supplement inside the window for rule B', () => {
    const rows = readCsv(join(out, 'worklist.csv'));
    const evidence = (person: string, rule: string) => {
      const row = rows.find((candidate) => candidate.person_id === person && candidate.rule_id === rule)!;
      return [row.last_evidence_date, row.last_evidence_code, row.last_evidence_display];
    };
    // a1: alendronate 2023-06-01 covered [2023-06-01, 2023-06-30], before the fracture.
    expect(evidence('a1', 'untreated-12m')).toEqual(['2023-06-01', '46041', 'alendronate']);
    // a1: 500 mg calcium on 2024-02-01 is in [index - 180, index + 365]; the one on 2025-03-01 is not.
    expect(evidence('a1', 'calcium-vitamin-d')).toEqual(['2024-02-01', 'CALCIUM_SUPPLEMENT', 'Registry/EHR documentation of calcium supplementation']);
    expect(evidence('a3', 'calcium-vitamin-d')[0]).toBe('2024-03-15');
    expect(evidence('a9', 'untreated-12m')).toEqual(['', '', '']);
  });
});

describe('worklists/ (--worklist-by-site)', () => {
  it('writes one file per site with safe, distinct names, persons without a site in no-site.csv', () => {
    expect(readdirSync(join(out, 'worklists')).sort()).toEqual(['no-site.csv', 'site-North-East-2.csv', 'site-North-East.csv', 'site-Unicode.csv', 'sites.csv']);
    expect(readCsv(join(out, 'worklists', 'sites.csv'))).toEqual([
      { site: 'North East', file: 'site-North-East.csv', rows: '2' },
      { site: 'North/East', file: 'site-North-East-2.csv', rows: '7' },
      { site: 'Ünïcode ✓', file: 'site-Unicode.csv', rows: '2' },
      { site: '', file: 'no-site.csv', rows: '1' },
    ]);
  });

  it('puts in each file exactly that site\'s rows of worklist.csv, in the same order', () => {
    const all = readCsv(join(out, 'worklist.csv'));
    for (const entry of readCsv(join(out, 'worklists', 'sites.csv'))) {
      expect(readCsv(join(out, 'worklists', entry.file!)), entry.file).toEqual(all.filter((row) => row.site === entry.site));
    }
  });

  it('is not written without the flag', () => {
    expect(existsSync(join(hashed, 'worklists'))).toBe(false);
  });
});

describe('worklist.csv of a pseudonymised run', () => {
  it('carries the same pseudonyms as patient_gaps and no real id', () => {
    const worklist = readCsv(join(hashed, 'worklist.csv'));
    expect(worklist).toHaveLength(12);
    const pseudonyms = new Set(readCsv(join(hashed, 'patient_gaps.csv')).map((row) => row.person_id));
    for (const row of worklist) {
      expect(row.person_id).toMatch(/^[0-9a-f]{64}$/);
      expect(pseudonyms.has(row.person_id!)).toBe(true);
      expect(row.episode_id).toBe(`${row.person_id}:${row.index_date}`);
    }
  });
});

describe('manifest.json key fingerprint (what caregap diff checks)', () => {
  it('records HMAC(key, fixed label) for a pseudonymised run, without the key, and null for a plain run', () => {
    const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pseudonym_key_fingerprint: string | null };
    const fingerprint = manifestOf(hashed).pseudonym_key_fingerprint;
    expect(fingerprint).toBe(pseudonymKeyFingerprint(Buffer.from('a-long-enough-secret-key-for-tests')));
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint).not.toBe(pseudonymKeyFingerprint(Buffer.from('another-long-enough-secret-key')));
    expect(readFileSync(join(hashed, 'manifest.json'), 'utf8')).not.toContain('a-long-enough-secret');
    expect(manifestOf(out).pseudonym_key_fingerprint).toBeNull();
  });
});
