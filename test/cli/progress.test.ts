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

  it('is silent when not a terminal, and with --quiet', async () => {
    expect((await linesFrom({ quiet: false, logFormat: 'text', isTty: false })).lines).toEqual([]);
    expect((await linesFrom({ quiet: true, logFormat: 'json', isTty: true })).lines).toEqual([]);
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
