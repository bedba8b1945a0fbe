// `caregap run --fail-if` end to end on the planted audit population (test/helpers/auditPopulation.ts)
// at as_of 2025-12-31. Complete cohort (index_date + 365 <= as_of): a1, a3, a4, a5, a6, a7, a9.
//   untreated-12m: open 3 (a1, a4, a9), closed 2 (a3, a5), excluded 2 -> gap rate 3/5 = 0.6.
//   Over all episodes it would be 3/6 (a10 closed early) with 2 prospective (a2, a8): the cut matters.
//   calcium-vitamin-d: open 4 (a1, a3, a4, a9), closed 1 (a5) -> 0.8. One input row is rejected.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAuditPopulation } from '../helpers/auditPopulation.js';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir } from '../helpers/tempDir.js';

const temp = makeTempDir('caregap-fail-if-');
afterAll(() => temp.cleanup());
const input = join(temp.dir, 'input');
beforeAll(() => writeAuditPopulation(input));

const run = (out: string, ...args: string[]) =>
  runCli(['run', '--input', input, '--as-of', '2025-12-31', '--out', join(temp.dir, out), '--quiet', ...args]);

describe('caregap run --fail-if', () => {
  it('writes every report, then exits 3 naming each expression that held (and only those)', () => {
    const result = run(
      'held',
      '--fail-if', 'untreated-12m.gap_rate >= 0.6',
      '--fail-if', 'rejected > 0',
      '--fail-if', 'untreated-12m.gap_rate > 0.6',
      '--fail-if', 'untreated-12m.closed > 2',
      '--fail-if', 'untreated-12m.prospective > 0',
    );
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain('--fail-if "untreated-12m.gap_rate >= 0.6" holds');
    expect(result.stderr).toContain('--fail-if "rejected > 0" holds (value 1)');
    expect(result.stderr).not.toContain('"untreated-12m.gap_rate > 0.6"');
    expect(result.stderr).not.toContain('closed > 2');
    expect(result.stderr).not.toContain('prospective > 0');
    for (const name of ['patient_gaps.csv', 'summary.json', 'summary.md', 'report.html', 'manifest.json', 'rejects.csv']) {
      expect(existsSync(join(temp.dir, 'held', name)), name).toBe(true);
    }
  });

  it('exits 0 when no expression holds', () => {
    const result = run('none', '--fail-if', 'untreated-12m.gap_rate > 0.6', '--fail-if', 'calcium-vitamin-d.gap_rate > 0.8', '--fail-if', 'calcium-vitamin-d.open < 4');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('reads expressions from the config file as a list', () => {
    const config = join(temp.dir, 'audit.json');
    writeFileSync(config, JSON.stringify({ failIf: ['calcium-vitamin-d.open >= 4', 'calcium-vitamin-d.gap_rate == 0.8'] }));
    const result = run('from-config', '--config', config);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain('"calcium-vitamin-d.open >= 4" holds');
    expect(result.stderr).toContain('"calcium-vitamin-d.gap_rate == 0.8" holds');
  });

  it('refuses a bad expression with exit 2 before any work, naming it', () => {
    // Every form of bad expression is covered in parseFailIf.test.ts; here, that the CLI stops early.
    for (const [expression, problem] of [['no-such-rule.open > 1', 'unknown rule no-such-rule']] as const) {
      const result = run('refused', '--fail-if', 'rejected > 0', '--fail-if', expression);
      expect(result.code, expression).toBe(2);
      expect(result.stderr).toContain(`--fail-if "${expression}"`);
      expect(result.stderr).toContain(problem);
      expect(existsSync(join(temp.dir, 'refused'))).toBe(false);
    }
    const config = join(temp.dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ failIf: ['untreated-12m.gap_rate > 75'] }));
    const fromFile = run('refused', '--config', config);
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toContain('a gap rate is a fraction from 0 to 1');
  });

  it('does not hold on an undefined gap rate and says so (no lumbar episode here)', () => {
    const result = run('undefined', '--level', 'lumbar', '--fail-if', 'untreated-12m.gap_rate < 1');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('"untreated-12m.gap_rate < 1" does not hold: the gap rate is undefined');
  });
});
