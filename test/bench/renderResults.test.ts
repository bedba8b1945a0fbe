import { describe, expect, it } from 'vitest';
import { benchOptionsFromEnv } from '../../bench/benchOptions.js';
import type { BenchRecord } from '../../bench/benchRecord.js';
import { median } from '../../bench/median.js';
import { figuresOf, renderResults } from '../../bench/renderResults.js';

const machine = { cpu: 'Test CPU', cores: 2, memoryGiB: 24, os: 'Linux', node: '20.0.0', duckdb: 'v1.5.6' };

function record(persons: number, kind: 'csv' | 'parquet', bareMs: number[], runMs: number[], rssGb = 2): BenchRecord {
  return {
    persons,
    kind,
    inputRows: persons * 17,
    inputBytes: persons * 1000,
    files: [{ file: `medical_claim.${kind}`, rows: persons * 17 }],
    threads: 2,
    memoryLimit: '2GB',
    bare: { wallMs: bareMs, peakRssBytes: bareMs.map(() => 1024 ** 3) },
    run: { wallMs: runMs, peakRssBytes: runMs.map(() => rssGb * 1024 ** 3) },
    stages: [{ stage: 'tagging', ms: 300 }, { stage: 'load medical_claim.parquet', ms: 700, rows: persons * 8 }],
    commit: 'abc1234',
    measuredAt: '2026-01-01T00:00:00.000Z',
    machine,
  };
}

describe('bench results', () => {
  it('takes medians of the repeats and the ratio of the medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const figures = figuresOf(record(1000, 'parquet', [1000, 3000, 2000], [5000, 4000, 9000]));
    expect(figures).toMatchObject({ bareMs: 2000, runMs: 5000, ratio: 2.5 });
  });

  it('renders the table, growth and targets from the figures, marking a miss', () => {
    const text = renderResults([
      record(100_000, 'parquet', [1000], [4000]),
      record(1_000_000, 'parquet', [10_000], [45_000], 3.5),
    ]);
    expect(text).toContain('| 1,000,000 | parquet | 17,000,000 | 10.0 | 45.0 | 4.50 | 22,222 | 377,778 |');
    expect(text).toMatch(/1M persons from Parquet at most 1\.5x the bare load \| 4\.50x \| \*\*missed\*\*/);
    expect(text).toMatch(/1M persons from Parquet under 60 s \| 45\.0 s \| met/);
    expect(text).toMatch(/linear cost 100k → 1M \(parquet.*\| 11\.25x \| \*\*missed\*\*/);
    expect(text).toMatch(/peak memory under 3 GB .*\(1M, parquet\) \| 3\.50 GB \| \*\*missed\*\*/);
    expect(text).toContain('| load medical_claim.parquet | 700 | 70.0% | 8,000,000 |');
    expect(text).toContain('Test CPU, 2 cores, 24 GiB');
  });

  it('measures what the therapy course adds to a 1M run from its own stages, and marks more than 10% a miss', () => {
    const withCourse = (courseMs: number): BenchRecord => ({
      ...record(1_000_000, 'parquet', [10_000], [33_000]),
      stages: [{ stage: 'tagging', ms: 3000 }, { stage: 'therapy-events', ms: 400 }, { stage: 'therapy-course', ms: courseMs - 1000 }, { stage: 'write episodes', ms: 600 }],
    });
    // 3,000 ms of course stages on a 33,000 ms run: 3,000 / 30,000 = +10.0%, met.
    expect(renderResults([withCourse(3000)])).toMatch(/therapy course adds at most 10% to a 1M-person run \(parquet; .*\| 3\.00 s, \+10\.0% \| met \|/);
    // 3,300 ms: 3,300 / 29,700 = +11.1%, missed.
    expect(renderResults([withCourse(3300)])).toMatch(/\| 3\.30 s, \+11\.1% \| \*\*missed\*\* \|/);
    // A record from before the course has no line.
    expect(renderResults([record(1_000_000, 'parquet', [1], [2])])).not.toContain('therapy course adds');
  });

  it('shows whether each run agreed with the generator truth, and a 10M run that did not is a miss', () => {
    const agreeing = { ...record(1_000_000, 'parquet', [10_000], [20_000]), truthGroupsDiffering: 0, workDb: 'memory' };
    const wrong = { ...record(10_000_000, 'parquet', [100_000], [600_000]), memoryLimit: '4GB', truthGroupsDiffering: 2, workDb: 'disk' };
    const text = renderResults([agreeing, wrong]);
    expect(text).toMatch(/\| 1,000,000 \| parquet .*\| 2GB \| memory \| yes \| 1 \|/);
    expect(text).toMatch(/\| 10,000,000 \| parquet .*\| 4GB \| disk \| \*\*no\*\* \(2 groups differ\) \| 1 \|/);
    expect(text).toMatch(/10M persons complete with --memory-limit 4GB \(parquet\) \| 600\.0 s \| \*\*missed\*\*/);
    expect(renderResults([record(1_000_000, 'parquet', [1], [2])])).toContain('| 2GB | memory | not checked | 1 |');
  });

  it('reads sizes, repeats and limits from the environment, 10M only on request', () => {
    const defaults = benchOptionsFromEnv({}, '/repo');
    expect(defaults.sizes).toEqual([100_000, 1_000_000]);
    expect(defaults.repeats).toBe(3);
    expect(defaults.memoryLimitFor(1_000_000)).toBe('2GB');
    const large = benchOptionsFromEnv({ BENCH_SIZES: '10M', BENCH_REPEATS: '1' }, '/repo');
    expect(large.sizes).toEqual([10_000_000]);
    expect(large.memoryLimitFor(10_000_000)).toBe('4GB');
    expect(() => benchOptionsFromEnv({ BENCH_KINDS: 'xlsx' }, '/repo')).toThrow(/BENCH_KINDS/);
  });
});
