import { describe, expect, it } from 'vitest';
import { Progress, type ProgressOptions } from '../../pipeline/progress.js';

async function linesFrom(options: Omit<ProgressOptions, 'write'>): Promise<{ lines: string[]; progress: Progress }> {
  const lines: string[] = [];
  const progress = new Progress({ ...options, write: (line) => lines.push(line) });
  await progress.stage('load events.csv', async () => 12_000, (rows) => rows);
  progress.record({ stage: 'episodes', ms: 40 });
  return { lines, progress };
}

describe('run progress', () => {
  it('shows stage, rows, rows per second and elapsed time on a terminal', async () => {
    const { lines } = await linesFrom({ quiet: false, logFormat: 'text', isTty: true });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[\s*\d+\.\ds\] load events\.csv: \d+\.\d\ds 12,000 rows(, [\d,]+ rows\/s)?$/);
    expect(lines[1]).toMatch(/episodes: 0\.04s$/);
  });

  it('shows stage lines on a terminal only, the closing summary line always, and nothing with --quiet', async () => {
    const offTerminal = await linesFrom({ quiet: false, logFormat: 'text', isTty: false });
    expect(offTerminal.lines).toEqual([]);
    offTerminal.progress.summary('caregap: 3 episodes, 0 rows rejected, 0 warnings; reports in out');
    expect(offTerminal.lines).toEqual(['caregap: 3 episodes, 0 rows rejected, 0 warnings; reports in out']);
    const json = await linesFrom({ quiet: false, logFormat: 'json', isTty: false });
    json.progress.summary('caregap: done');
    expect(JSON.parse(json.lines.at(-1)!)).toEqual({ summary: 'caregap: done' });
    for (const isTty of [true, false]) {
      const quiet = await linesFrom({ quiet: true, logFormat: 'text', isTty });
      quiet.progress.summary('caregap: done');
      expect(quiet.lines).toEqual([]);
    }
    const quietJson = await linesFrom({ quiet: true, logFormat: 'json', isTty: true });
    quietJson.progress.summary('caregap: done');
    expect(quietJson.lines).toEqual([]);
  });

  it('prints one JSON object per stage with --log-format json, terminal or not', async () => {
    const { lines } = await linesFrom({ quiet: false, logFormat: 'json', isTty: false });
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed[0]).toMatchObject({ stage: 'load events.csv', rows: 12_000 });
    expect(parsed[1]).toMatchObject({ stage: 'episodes', ms: 40 });
    for (const entry of parsed) expect(typeof entry.elapsed_s).toBe('number');
  });

  it('keeps every timing for the manifest even when quiet', async () => {
    const { progress } = await linesFrom({ quiet: true, logFormat: 'text', isTty: true });
    expect(progress.timings.map((timing) => timing.stage)).toEqual(['load events.csv', 'episodes']);
  });
});
