import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDb } from '../../pipeline/db.js';
import { loadValueSets } from '../../pipeline/rules/loadValueSets.js';
import { readAugmentationTypes } from '../../reports/aggregates/augmentationTypes.js';

// Rule C's procedure types (docs/reports.md) come from the run's value sets, so a --valuesets row
// that gives a code another procedure_type reaches the reports.
describe('readAugmentationTypes', () => {
  it('reads the shipped procedure types from the run value sets', async () => {
    const types = await withDb({ threads: 1 }, async (db) => {
      await loadValueSets(db, []);
      return readAugmentationTypes(db);
    });
    expect(types).toMatchObject({ '22510': 'vertebroplasty', '22514': 'kyphoplasty', '0QU03JZ': 'unspecified', '8166': 'kyphoplasty' });
  });

  it('takes an overriding --valuesets row', async () => {
    const types = await withDb({ threads: 1 }, async (db) => {
      await loadValueSets(db, [join(import.meta.dirname, 'fixtures', 'valuesets-procedure-type')]);
      return readAugmentationTypes(db);
    });
    expect(types?.['0QU03JZ']).toBe('kyphoplasty');
    expect(types?.['22510']).toBe('vertebroplasty');
  });
});
