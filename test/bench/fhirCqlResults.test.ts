import { describe, expect, it } from 'vitest';
import { cqlFigures, type CqlComparisonRecord } from '../../bench/fhirCqlComparison.js';
import { renderResults } from '../../bench/renderResults.js';

function comparison(caregapWallMs: number[], cqlEvaluateMs: number[]): CqlComparisonRecord {
  return {
    persons: 50_000, caregapWallMs, cqlEvaluateMs, cqlPatients: 50_000, cqlResources: 1_800_000, cqlUntreated: 20_000,
    threads: 2, commit: 'abc1234', measuredAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('bench results: caregap against cql-execution', () => {
  it('compares the medians as persons per second', () => {
    // caregap: median 10 s for 50,000 persons = 5,000/s; cql-execution: median 100 s = 500/s; 10x.
    expect(cqlFigures(comparison([12_000, 10_000, 9_000], [100_000, 90_000, 120_000]))).toEqual({ caregapRate: 5000, cqlRate: 500, ratio: 10 });
  });

  it('adds the comparison table and a Targets line, a miss below 15x and met from 15x', () => {
    const missed = renderResults([], [comparison([10_000], [100_000])]);
    expect(missed).toContain('| 50,000 | 1,800,000 | 10.0 | 5,000 | 100.0 | 500 | 10.0x | 20,000 | 1 |');
    expect(missed).toContain("| 50,000 FHIR persons at >= 15x cql-execution's patients/s (same bench run) | 10.0x (5,000 vs 500) | **missed** |");
    expect(renderResults([], [comparison([5_000], [75_000])])).toContain('| 15.0x (10,000 vs 667) | met |');
  });
});
