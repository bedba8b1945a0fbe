import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

// The hostile inputs of hostileCsv.test.ts through the real CLI: the exit code, one line on stderr
// naming the file and no stack trace, nothing written to --out, no patient id on stderr.

const temp = makeTempDir();
afterAll(() => temp.cleanup());

const secret = 'SECRET-PERSON-7731';
const header = 'person_id,event_date,code_system,code';
const rows = Array.from({ length: 3000 }, (_, n) => `${secret}-${n},2021-01-05,ICD10CM,M81.0`);
const events = [header, ...rows, ''].join('\n');

function run(name: string, files: Record<string, string | Buffer>): { code: number; stderr: string; out: string } {
  const input = join(temp.dir, name);
  writeFiles(input, files);
  const out = join(temp.dir, `${name}-out`);
  const result = runCli(['run', '--input', input, '--out', out, '--quiet']);
  return { code: result.code, stderr: result.stderr, out };
}

function expectOneCleanLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(stderr).not.toContain(secret);
}

describe('hostile inputs through caregap run', () => {
  it('a gzip file cut short: exit 1, the file named, --out never created', () => {
    const gz = gzipSync(events);
    const result = run('truncated-gz', { 'events.csv.gz': gz.subarray(0, Math.floor(gz.length * 0.6)) });
    expect(result.code).toBe(1);
    expectOneCleanLine(result.stderr, /events\.csv\.gz: corrupt or truncated gzip file/);
    expect(existsSync(result.out)).toBe(false);
  });

  it('a gzip file with flipped bytes: exit 1 in seconds, not a hang', () => {
    const gz = Buffer.from(gzipSync(events));
    for (let at = gz.length - 200; at < gz.length - 190; at += 1) gz[at] ^= 0x5a;
    const started = Date.now();
    const result = run('flipped-gz', { 'events.csv.gz': gz });
    expect(result.code).toBe(1);
    expectOneCleanLine(result.stderr, /events\.csv\.gz: corrupt or truncated gzip file/);
    expect(Date.now() - started).toBeLessThan(20000);
    expect(existsSync(result.out)).toBe(false);
  });

  it('a CSV file named .parquet: exit 1 naming it', () => {
    const result = run('csv-as-parquet', { 'events.parquet': events });
    expect(result.code).toBe(1);
    expectOneCleanLine(result.stderr, /events\.parquet: not a complete Parquet file/);
  });

  it('a column read twice: exit 2 naming file and column', () => {
    const result = run('duplicate-column', { 'events.csv': `${header},CODE\np1,2021-01-05,ICD10CM,M81.0,M81.0\n` });
    expect(result.code).toBe(2);
    expectOneCleanLine(result.stderr, /events\.csv: column code appears 2 times in the header/);
    expect(existsSync(result.out)).toBe(false);
  });

  it('an unterminated quote: the run succeeds and the manifest accounts for every row', () => {
    const broken = [header, `${secret}-a,"2021-01-04,ICD10CM,M81.0`, ...rows, ''].join('\n');
    const result = run('unterminated', { 'events.csv': broken });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain(secret);
    const manifest = JSON.parse(readFileSync(join(result.out, 'manifest.json'), 'utf8')) as {
      inputs?: { file: string; rowsRead: number; rowsLoaded: number; rowsRejected: number }[];
    };
    const text = JSON.stringify(manifest);
    expect(text).toMatch(/"rowsRead":3001/);
    expect(text).toMatch(/"rowsLoaded":3000/);
    expect(text).toMatch(/"rowsRejected":1/);
    const rejects = readFileSync(join(result.out, 'rejects.csv'), 'utf8').trim().split('\n');
    expect(rejects).toHaveLength(2);
    expect(rejects[1]).toMatch(/^events\.csv,2,event_date,.*,unterminated quote$/);
  });
});
