import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Progress, type StageTiming } from '../../pipeline/progress.js';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir } from '../helpers/tempDir.js';

const sample = join(import.meta.dirname, '..', '..', 'sample-data', 'claims');

function capture(options: { quiet: boolean; logFormat: 'text' | 'json'; isTty: boolean }): { progress: Progress; lines: string[] } {
  const lines: string[] = [];
  return { progress: new Progress({ ...options, write: (line) => lines.push(line) }), lines };
}

describe('Progress', () => {
  it('prints one JSON line per stage with stage, ms, rows and elapsed_s, and keeps the same timings', async () => {
    const { progress, lines } = capture({ quiet: false, logFormat: 'json', isTty: false });
    progress.record({ stage: 'load medical_claim.csv', ms: 1234.4, rows: 5000 });
    await progress.stage('write patient_gaps', async () => 7);
    progress.note('done');
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed[0]).toMatchObject({ stage: 'load medical_claim.csv', ms: 1234, rows: 5000 });
    expect(parsed[1]).toMatchObject({ stage: 'write patient_gaps' });
    expect(parsed[1]).not.toHaveProperty('rows');
    for (const line of parsed.slice(0, 2)) expect(typeof line.elapsed_s).toBe('number');
    expect(parsed[2]).toEqual({ note: 'done' });
    expect(progress.timings.map((timing) => timing.stage)).toEqual(['load medical_claim.csv', 'write patient_gaps']);
  });

  it('shows text progress only on a terminal, and nothing when quiet', () => {
    const terminal = capture({ quiet: false, logFormat: 'text', isTty: true });
    terminal.progress.record({ stage: 'load eligibility.csv', ms: 2000, rows: 4000 });
    expect(terminal.lines).toHaveLength(1);
    expect(terminal.lines[0]).toMatch(/load eligibility\.csv: 2\.00s 4,000 rows, 2,000 rows\/s$/);
    expect(terminal.lines[0]).toMatch(/^\[ +\d+\.\ds\]/);

    const piped = capture({ quiet: false, logFormat: 'text', isTty: false });
    piped.progress.record({ stage: 'tagging', ms: 10 });
    piped.progress.note('reports in out');
    expect(piped.lines).toEqual([]);

    for (const logFormat of ['text', 'json'] as const) {
      const quiet = capture({ quiet: true, logFormat, isTty: true });
      quiet.progress.record({ stage: 'tagging', ms: 10 });
      quiet.progress.note('reports in out');
      expect(quiet.lines).toEqual([]);
      expect(quiet.progress.timings).toEqual([{ stage: 'tagging', ms: 10 }]);
    }
  });
});

describe('caregap run stage timings', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('--log-format json prints the stages that manifest.json records, in order', () => {
    const out = join(temp.dir, 'json');
    const result = runCli(['run', '--input', sample, '--valuesets', join(sample, 'valuesets'), '--out', out, '--log-format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const logged = result.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as StageTiming & { elapsed_s?: number; note?: string; summary?: string });
    const stages = logged.filter((line) => line.note === undefined && line.summary === undefined);
    expect(logged.at(-1)?.summary).toMatch(/^caregap: [\d,]+ episodes, .*; reports in /);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { stages: StageTiming[] };

    expect(stages.map(({ stage, ms, rows }) => ({ stage, ms, ...(rows === undefined ? {} : { rows }) }))).toEqual(manifest.stages);
    const names = manifest.stages.map((stage) => stage.stage);
    for (const name of ['load eligibility.csv.gz', 'load medical_claim.csv.gz', 'load pharmacy_claim.csv.gz', 'tagging', 'episodes', 'combine', 'write patient_gaps']) {
      expect(names).toContain(name);
    }
    for (const stage of manifest.stages) expect(stage.ms).toBeGreaterThanOrEqual(0);
    const loads = manifest.stages.filter((stage) => stage.stage.startsWith('load '));
    for (const load of loads) expect(load.rows).toBeGreaterThan(0);
    const elapsed = stages.map((line) => line.elapsed_s ?? -1);
    expect([...elapsed].sort((a, b) => a - b)).toEqual(elapsed);
  });

  it('prints only the summary line on stderr when not a terminal, and nothing with --quiet', () => {
    for (const extra of [[], ['--quiet']]) {
      const out = join(temp.dir, `text${extra.length}`);
      const result = runCli(['run', '--input', sample, '--valuesets', join(sample, 'valuesets'), '--out', out, ...extra]);
      expect(result.code, result.stderr).toBe(0);
      if (extra.length === 0) expect(result.stderr).toMatch(/^caregap: [\d,]+ episodes, [\d,]+ rows? rejected.*; reports in .*\n$/);
      else expect(result.stderr).toBe('');
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { stages: StageTiming[] };
      expect(manifest.stages.length).toBeGreaterThan(5);
    }
  });
});
