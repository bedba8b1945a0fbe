// `caregap diff` between two real monthly runs of the planted audit population
// (test/helpers/auditPopulation.ts): as of 2025-06-30 and as of 2025-12-31.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAuditPopulation } from '../helpers/auditPopulation.js';
import { readCsv } from '../helpers/readCsv.js';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir } from '../helpers/tempDir.js';

const temp = makeTempDir('caregap-diff-monthly-');
afterAll(() => temp.cleanup());
const at = (name: string): string => join(temp.dir, name);

/** The contract's change category, written independently of the SQL (docs/contracts.md). */
function contractChange(before: Record<string, string> | undefined, after: Record<string, string> | undefined): string {
  if (!before) return 'new_episode';
  if (!after) return 'no_longer_present';
  const [was, now] = [before.status, after.status];
  if (now === 'open' && was !== 'open') return 'newly_open';
  if ((was === 'open' || was === 'prospective') && now === 'closed') return 'closed_since';
  if (was === 'open' && now === 'open') return 'still_open';
  if (was === 'prospective' && now === 'prospective') return 'still_prospective';
  if (now === 'excluded' && was !== 'excluded') return 'became_excluded';
  if (now !== was) return 'other_change';
  return 'unchanged';
}

let diff: Record<string, string>[] = [];
let stderr = '';

beforeAll(() => {
  writeAuditPopulation(at('input'));
  for (const [name, asOf] of [['june', '2025-06-30'], ['december', '2025-12-31']]) {
    const run = runCli(['run', '--input', at('input'), '--as-of', asOf!, '--out', at(name!), '--quiet']);
    expect(run.code, run.stderr).toBe(0);
  }
  const result = runCli(['diff', at('june'), at('december'), '--out', at('diff')]);
  expect(result.code, result.stderr).toBe(0);
  stderr = result.stderr;
  diff = readCsv(join(at('diff'), 'diff.csv'));
});

describe('caregap diff of two as-of runs', () => {
  it('gives every (episode, rule) of either run the change the contract defines', () => {
    const byKey = (rows: Record<string, string>[]) => new Map(rows.map((row) => [`${row.episode_id}|${row.rule_id}`, row]));
    const june = byKey(readCsv(join(at('june'), 'patient_gaps.csv')));
    const december = byKey(readCsv(join(at('december'), 'patient_gaps.csv')));
    const keys = [...new Set([...june.keys(), ...december.keys()])];
    expect(diff).toHaveLength(keys.length);
    for (const row of diff) {
      const key = `${row.episode_id}|${row.rule_id}`;
      expect(row.change, key).toBe(contractChange(june.get(key), december.get(key)));
    }
  });

  it('finds the planted changes', () => {
    const change = (person: string, rule: string) => diff.find((row) => row.person_id === person && row.rule_id === rule)?.change;
    expect(change('a8', 'untreated-12m')).toBe('new_episode'); // fracture 2025-09-01
    expect(change('a9', 'untreated-12m')).toBe('newly_open'); // window ended 2025-10-01
    expect(change('a10', 'untreated-12m')).toBe('closed_since'); // alendronate 2025-08-01
    expect(change('a2', 'calcium-vitamin-d')).toBe('still_prospective');
    expect(change('a1', 'untreated-12m')).toBe('still_open');
    expect(change('a5', 'untreated-12m')).toBe('unchanged');
  });

  it('does not warn when only as_of differs', () => {
    expect(stderr).not.toContain('warning');
  });
});
