// `make test` ends with the line test/printTestSummary.mjs prints, whether vitest passed or not.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

const script = fileURLToPath(new URL('../printTestSummary.mjs', import.meta.url));
const scratch = makeTempDir('caregap-summary-');
afterAll(() => scratch.cleanup());

/** A vitest JSON report with the given counts and per-file results (only the fields the script reads). */
function report(counts: { passed: number; failed: number; pending?: number }, testResults: unknown[] = []): string {
  return JSON.stringify({ numPassedTests: counts.passed, numFailedTests: counts.failed, numPendingTests: counts.pending ?? 0, numTodoTests: 0, testResults });
}

function summaryOf(name: string, content?: string): string {
  const path = join(scratch.dir, name);
  if (content !== undefined) writeFiles(scratch.dir, { [name]: content });
  return execFileSync(process.execPath, [script, path], { encoding: 'utf8' }).trim();
}

describe('the closing line of make test', () => {
  it('counts passed and failed tests when all pass', () => {
    expect(summaryOf('pass.json', report({ passed: 296, failed: 0 }))).toBe('tests: 296 passed, 0 failed');
  });

  it('still prints when tests failed, with the skipped ones', () => {
    expect(summaryOf('fail.json', report({ passed: 284, failed: 4, pending: 8 }))).toBe('tests: 284 passed, 4 failed, 8 skipped');
  });

  it('names files that failed before any test ran (a throwing import counts no failed test)', () => {
    const results = [
      { status: 'failed', assertionResults: [] },
      { status: 'passed', assertionResults: [{ status: 'passed' }] },
    ];
    expect(summaryOf('load.json', report({ passed: 1, failed: 0 }, results))).toBe('tests: 1 passed, 0 failed, 1 file failed to load');
  });

  it('says so when vitest stopped before writing its report', () => {
    expect(summaryOf('missing.json')).toBe(`tests: no results (vitest stopped before writing ${join(scratch.dir, 'missing.json')})`);
  });
});
