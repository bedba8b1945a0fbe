import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { populationDir } from '../../bench/benchData.js';
import { benchOptionsFromEnv } from '../../bench/benchOptions.js';
import { loadRecords, recordFileName, saveRecord, type BenchRecord } from '../../bench/benchRecord.js';
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
    // A record without episodeShare is from before shares existed: the generator's enriched default.
    expect(text).toContain('| 1,000,000 | parquet | 42% (enriched) | 17,000,000 | 10.0 | 45.0 | 4.50 | 22,222 | 377,778 |');
    expect(text).toMatch(/1M persons, Parquet claims, 42% with an episode \(enriched\): at most 2\.0x the bare load \| 4\.50x, 22,222 persons\/s \| \*\*missed\*\*/);
    expect(text).toMatch(/1M persons from Parquet \(enriched\) under 60 s \| 45\.0 s \| met/);
    expect(text).toMatch(/linear cost 100k → 1M \(parquet, 42% \(enriched\).*\| 11\.25x \| \*\*missed\*\*/);
    expect(text).toMatch(/peak memory under 3 GB .*\(1M, parquet, 42% \(enriched\)\) \| 3\.50 GB \| \*\*missed\*\*/);
    expect(text).toContain('| load medical_claim.parquet | 700 | 70.0% | 8,000,000 |');
    expect(text).toContain('Test CPU, 2 cores, 24 GiB');
  });

  it('measures what the therapy course adds to a 1M run from its own stages, and marks more than 10% a miss', () => {
    const withCourse = (courseMs: number): BenchRecord => ({
      ...record(1_000_000, 'parquet', [10_000], [33_000]),
      stages: [{ stage: 'tagging', ms: 3000 }, { stage: 'therapy-events', ms: 400 }, { stage: 'therapy-course', ms: courseMs - 1000 }, { stage: 'write episodes', ms: 600 }],
    });
    // 3,000 ms of course stages on a 33,000 ms run: 3,000 / 30,000 = +10.0%, met.
    expect(renderResults([withCourse(3000)])).toMatch(/therapy course adds at most 10% to a 1M-person run \(parquet, 42% \(enriched\); .*\| 3\.00 s, \+10\.0% \(beyond the passes beside it: 3\.00 s, \+10\.0%\) \| met \|/);
    // 3,300 ms: 3,300 / 29,700 = +11.1%, missed.
    expect(renderResults([withCourse(3300)])).toMatch(/\| 3\.30 s, \+11\.1% \(beyond the passes beside it: 3\.30 s, \+11\.1%\) \| \*\*missed\*\* \|/);
    // Beside the rules (2,000 ms of rule stages) and the patient_gaps copy (500 ms): the course
    // stage adds nothing beyond the rules, the episodes copy 100 ms beyond patient_gaps, so 500 ms
    // (500 / 32,500 = +1.5%); the mark still follows the plain sum (+10.0%).
    const beside: BenchRecord = {
      ...record(1_000_000, 'parquet', [10_000], [33_000]),
      stages: [
        { stage: 'therapy-events', ms: 400 }, { stage: 'rule:a', ms: 1500 }, { stage: 'rule:b', ms: 500 },
        { stage: 'therapy-course', ms: 2000 }, { stage: 'write patient_gaps', ms: 500 }, { stage: 'write episodes', ms: 600 },
      ],
    };
    expect(renderResults([beside])).toMatch(/\| 3\.00 s, \+10\.0% \(beyond the passes beside it: 0\.50 s, \+1\.5%\) \| met \|/);
    // A record from before the course has no line.
    expect(renderResults([record(1_000_000, 'parquet', [1], [2])])).not.toContain('therapy course adds');
  });

  it('shows whether each run agreed with the generator truth, and a 10M run that did not is a miss', () => {
    const agreeing = { ...record(1_000_000, 'parquet', [10_000], [20_000]), truthGroupsDiffering: 0, workDb: 'memory' };
    const wrong = { ...record(10_000_000, 'parquet', [100_000], [600_000]), memoryLimit: '4GB', truthGroupsDiffering: 2, workDb: 'disk' };
    const text = renderResults([agreeing, wrong]);
    expect(text).toMatch(/\| 1,000,000 \| parquet .*\| 2GB \| memory \| yes \| 1 \|/);
    expect(text).toMatch(/\| 10,000,000 \| parquet .*\| 4GB \| disk \| \*\*no\*\* \(2 groups differ\) \| 1 \|/);
    expect(text).toMatch(/10M persons, parquet, 42% \(enriched\), --memory-limit 4GB: completes \(answers agree with the truth\) \| 600\.0 s \| \*\*missed\*\*/);
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

  it('measures realistic (1%) and enriched (42%) prevalence by default, or the shares of BENCH_SHARES', () => {
    expect(benchOptionsFromEnv({}, '/repo').shares).toEqual([0.01, 0.42]);
    expect(benchOptionsFromEnv({ BENCH_SHARES: '0.01' }, '/repo').shares).toEqual([0.01]);
    expect(benchOptionsFromEnv({ BENCH_SIZES: '200k' }, '/repo').sizes).toEqual([200_000]);
    expect(() => benchOptionsFromEnv({ BENCH_SHARES: '1%' }, '/repo')).toThrow(/BENCH_SHARES: not a share between 0 and 1: 1%/);
    expect(() => benchOptionsFromEnv({ BENCH_SHARES: '0' }, '/repo')).toThrow(/BENCH_SHARES/);
  });

  it('keeps each share in its own data folder and record file; the enriched ones keep their names from before shares', () => {
    expect(populationDir('/data', 1_000_000, 'parquet')).toBe(join('/data', 'claims-1000000', 'parquet'));
    expect(populationDir('/data', 1_000_000, 'parquet', 0.42)).toBe(join('/data', 'claims-1000000', 'parquet'));
    expect(populationDir('/data', 1_000_000, 'csv', 0.01)).toBe(join('/data', 'claims-1000000-share0.01', 'csv'));
    expect(recordFileName({ persons: 1_000_000, kind: 'parquet' })).toBe('1000000-parquet.json');
    expect(recordFileName({ persons: 1_000_000, kind: 'parquet', episodeShare: 0.01 })).toBe('1000000-parquet-share0.01.json');
    const dir = mkdtempSync(join(tmpdir(), 'bench-records-'));
    try {
      saveRecord(dir, { ...record(1_000_000, 'parquet', [1], [2]), episodeShare: 0.42 });
      saveRecord(dir, { ...record(1_000_000, 'parquet', [1], [3]), episodeShare: 0.01 });
      saveRecord(dir, record(200_000, 'parquet', [1], [4]));
      expect(readdirSync(dir).sort()).toEqual(['1000000-parquet-share0.01.json', '1000000-parquet.json', '200000-parquet.json']);
      // By size, file type, then share: 200k, 1M at 1%, 1M at 42%.
      expect(loadRecords(dir).map((r) => [r.persons, r.episodeShare])).toEqual([[200_000, undefined], [1_000_000, 0.01], [1_000_000, 0.42]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks every target of the prevalence issue, listing those not measured yet with the command that measures them', () => {
    const realistic = { ...record(1_000_000, 'parquet', [10_000], [12_500]), episodeShare: 0.01, truthGroupsDiffering: 0 };
    const enriched = { ...record(1_000_000, 'parquet', [10_000], [21_000]), episodeShare: 0.42, truthGroupsDiffering: 0 };
    const small = { ...record(200_000, 'parquet', [2_000], [2_700]), episodeShare: 0.01 };
    const text = renderResults([small, realistic, enriched]);
    // 12.5 / 10.0 = 1.25x <= 1.3: met; 21.0 / 10.0 = 2.10x > 2.0: missed; 2.7 / 2.0 = 1.35x > 1.3: missed.
    expect(text).toMatch(/\| 1M persons, Parquet claims, 1% with an episode: at most 1\.3x the bare load \| 1\.25x, 80,000 persons\/s \| met \|/);
    expect(text).toMatch(/\| 1M persons, Parquet claims, 42% with an episode \(enriched\): at most 2\.0x the bare load \| 2\.10x, 47,619 persons\/s \| \*\*missed\*\* \|/);
    expect(text).toMatch(/\| 200k persons, Parquet claims, 1% with an episode: at most 1\.3x the bare load \| 1\.35x \| \*\*missed\*\* \|/);
    expect(text).toMatch(/\| 1M persons, CSV claims, 1% with an episode: at most 2\.0x the bare load \(`BENCH_SIZES=1M BENCH_KINDS=csv BENCH_SHARES=0\.01 make bench`\) \| not run yet \| not recorded \|/);
    expect(text).toMatch(/\| 10M persons, Parquet claims, 1% with an episode, --memory-limit 4GB: .*\| not run yet \| not recorded \|/);
    expect(text).toContain('| 1,000,000 | parquet | 1% | 17,000,000 | 10.0 | 12.5 | 1.25 |');
    expect(text).toContain('### 1M persons, parquet, 1% with an episode: median stage timings');
    // A fast run with wrong answers does not meet a target.
    const wrong = renderResults([{ ...realistic, truthGroupsDiffering: 3 }]);
    expect(wrong).toMatch(/1% with an episode: at most 1\.3x the bare load \| 1\.25x, 80,000 persons\/s \| \*\*missed\*\* \|/);
  });

  it('checks the 10M realistic run for completion, ratio and peak RSS under 6 GB', () => {
    const huge = { ...record(10_000_000, 'parquet', [100_000], [125_000], 6.5), episodeShare: 0.01, memoryLimit: '4GB', truthGroupsDiffering: 0 };
    const text = renderResults([huge]);
    expect(text).toMatch(/10M persons, parquet, 1%, --memory-limit 4GB: completes \(answers agree with the truth\) \| 125\.0 s \| met \|/);
    expect(text).toMatch(/10M persons, parquet, 1%, --memory-limit 4GB: at most 1\.3x the bare load \| 1\.25x \| met \|/);
    expect(text).toMatch(/10M persons, parquet, 1%, --memory-limit 4GB: peak RSS under 6 GB \| 6\.50 GB \| \*\*missed\*\* \|/);
    expect(text).not.toMatch(/10M persons, Parquet claims, 1% with an episode.*not run yet/);
  });
});
