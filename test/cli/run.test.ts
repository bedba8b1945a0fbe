import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

const sample = join(import.meta.dirname, '..', '..', 'sample-data', 'events');
const temp = makeTempDir();
afterAll(() => temp.cleanup());

interface Manifest {
  parameters: Record<string, unknown>;
  input: { files: { file: string; rowsRead: number; rowsLoaded: number; rowsRejected: number; sha256: string }[] };
  stages: { stage: string; ms: number }[];
  value_sets: { version: string; sha256: string };
  duckdb_version: string;
}

const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');

describe('caregap run on the committed events sample', () => {
  const first = join(temp.dir, 'first');
  const second = join(temp.dir, 'second');
  const spill = join(temp.dir, 'spill');
  beforeAll(() => {
    // The first run keeps its working tables in a database file, the second in memory
    // with a --temp-dir of its own: the outputs must not depend on where the work happened.
    const settings = [['--work-db', 'disk'], ['--work-db', 'memory', '--temp-dir', spill]];
    for (const [index, out] of [first, second].entries()) {
      const result = runCli(['run', '--input', sample, '--valuesets', join(sample, 'valuesets'), '--out', out, '--quiet', ...settings[index]!]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
    }
  });

  it('writes every output the contract lists', () => {
    for (const name of ['patient_gaps.csv', 'patient_gaps.parquet', 'summary.json', 'summary.md', 'report.html', 'manifest.json', 'rejects.csv']) {
      expect(readFileSync(join(first, name)).length, name).toBeGreaterThan(0);
    }
    // The Arrow IPC copy is opt-in (--arrow): it passes through JS row by row.
    expect(existsSync(join(first, 'patient_gaps.arrow'))).toBe(false);
    expect(read(first, 'patient_gaps.csv').split('\n')[0]).toBe(
      'person_id,episode_id,index_date,fracture_level,age_at_index,sex,site,payer,rule_id,status,reason,evidence_date,evidence_code,days_to_event,due_date,evidence_display',
    );
  });

  it('accounts for every input row in the manifest', () => {
    const manifest = JSON.parse(read(first, 'manifest.json')) as Manifest;
    expect(manifest.input.files.map((file) => file.file).sort()).toEqual(['coverage.csv.gz', 'events.csv.gz', 'patients.csv.gz']);
    for (const file of manifest.input.files) {
      expect(file.rowsRead).toBeGreaterThan(0);
      expect(file.rowsLoaded + file.rowsRejected).toBe(file.rowsRead);
      expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(manifest.parameters).toMatchObject({ asOf: '2025-12-31', minAge: 50, episodeGapDays: 365, minCell: 11 });
    expect(manifest.stages.map((stage) => stage.stage)).toEqual(expect.arrayContaining(['episodes', 'write reports']));
  });

  it('leaves no working database behind in a --temp-dir the user chose', () => {
    const spillTwo = join(temp.dir, 'spill-two');
    const result = runCli(['run', '--input', sample, '--out', join(temp.dir, 'third'), '--quiet', '--work-db', 'disk', '--temp-dir', spillTwo]);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(spillTwo)).toEqual([]);
  });

  it('is deterministic: the same inputs give byte-identical results and reports, on disk or in memory', () => {
    for (const name of ['patient_gaps.csv', 'summary.json', 'summary.md', 'report.html', 'rejects.csv']) {
      expect(read(second, name), name).toBe(read(first, name));
    }
  });

  it('sorts patient_gaps by person, index date and rule', () => {
    const rows = read(first, 'patient_gaps.csv').trim().split('\n').slice(1).map((line) => line.split(','));
    const keys = rows.map((cells) => [cells[0]!, cells[2]!, cells[8]!]);
    const sorted = [...keys].sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : a[1]! < b[1]! ? -1 : a[1]! > b[1]! ? 1 : a[2]! < b[2]! ? -1 : a[2]! > b[2]! ? 1 : 0));
    expect(keys).toEqual(sorted);
  });
});

describe('caregap run --pseudonymize-key', () => {
  it('replaces person ids in every output and withholds identifying reject values', () => {
    const input = join(temp.dir, 'pseudo-input');
    writeFiles(input, {
      'patients.csv': 'person_id,birth_date,sex\nP-0001,1950-01-01,F\nP-0001,1950-01-01,F\n',
      'events.csv': 'person_id,event_date,code_system,code\nP-0001,2021-01-05,ICD10CM,M80.08XA\nP-0001,2021-02-30,ICD10CM,M81.0\n',
    });
    const key = join(temp.dir, 'key.txt');
    writeFileSync(key, 'a-long-enough-secret-key-for-tests\n');
    const out = join(temp.dir, 'pseudo-out');
    const result = runCli(['run', '--input', input, '--out', out, '--pseudonymize-key', key, '--quiet', '--min-cell', '0']);
    expect(result.code, result.stderr).toBe(0);
    for (const name of ['patient_gaps.csv', 'summary.json', 'summary.md', 'report.html', 'rejects.csv', 'manifest.json']) {
      expect(read(out, name), name).not.toContain('P-0001');
    }
    expect(read(out, 'patient_gaps.csv')).toMatch(/\n[0-9a-f]{64},[0-9a-f]{64}:2021-01-05,/);
    expect(read(out, 'rejects.csv')).toContain('duplicate person');
  });
});

describe('caregap run on data without any episode', () => {
  it('still reports every rule, with zero counts and no rate', () => {
    const input = join(temp.dir, 'no-episode');
    writeFiles(input, {
      'patients.csv': 'person_id,birth_date,sex\nq1,1950-01-01,F\n',
      'events.csv': 'person_id,event_date,code_system,code\nq1,2021-01-05,ICD10CM,M81.0\n',
    });
    const out = join(temp.dir, 'no-episode-out');
    const result = runCli(['run', '--input', input, '--out', out, '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(read(out, 'summary.json')) as { rules: { ruleId?: string; rule_id?: string }[] };
    expect(JSON.stringify(summary)).toContain('untreated-12m');
    for (const rule of ['untreated-12m', 'calcium-vitamin-d', 'early-augmentation']) {
      expect(read(out, 'summary.md')).toMatch(new RegExp(`\\(\`${rule}\`\\) \\| 0 \\| 0 \\| n/a \\|`));
      expect(read(out, 'report.html')).toContain(rule);
    }
    expect(read(out, 'patient_gaps.csv').trim().split('\n')).toHaveLength(1);
  });
});
