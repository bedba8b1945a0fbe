import { describe, expect, it } from 'vitest';
import { withDb } from '../../pipeline/db.js';
import { loadInputs } from '../../pipeline/loaders/loadInputs.js';
import { defaultRuleParams } from '../../pipeline/params.js';
import { runRulePack } from '../../pipeline/rules/runRulePack.js';
import { publicDataset } from '../helpers/publicDataset.js';

const tuva = publicDataset('tuva-claims-demo-sample');

/*
 * Worked by hand from docs/rules.md, default settings, on the Tuva claims demo sample:
 * - as_of defaults to the latest event date in the input: 2018-12-22 (medical claims end there).
 * - Person 13289: S32010A (lumbar, vertebral_fracture_other, 7th character A) on 2018-01-07, and
 *   M81.0 (osteoporosis_diagnosis) on 2018-01-14 = day +7, inside [-365, +90]: it qualifies.
 *   One episode, index 2018-01-07, level lumbar. No other fracture code follows.
 * - Born 1953-02-22: on 2018-01-07 the birthday has not come yet, so age 2018 - 1953 - 1 = 64 >= 50.
 *   No malignancy_exclusion code (Z85.828 is a history code, not in the set).
 * - Person window [2018-01-07, min(2019-01-07, 2018-12-22) = 2018-12-22]. No death.
 *   Coverage: 2017-01-01..2018-01-31, 2018-03-01..2018-04-30, nothing later. Uncovered runs in the
 *   window: 2018-02-01..2018-02-28 (28 days) and 2018-05-01..2018-12-22 (236 days): two gaps, one
 *   over 45 days, so rules A and B are excluded, not_enrolled (§3).
 * - Rule C ignores the person window (§6); no augmentation code exists: not_applicable, no_augmentation.
 */
describe('Tuva claims sample, person 13289', () => {
  it('has one lumbar episode on 2018-01-07 with the hand-derived statuses', async () => {
    await withDb({}, async (db) => {
      await loadInputs(db, { inputDir: tuva });
      const result = await runRulePack(db, { params: defaultRuleParams, valueSetDirs: [] });
      expect(result.asOf).toBe('2018-12-22');
      const rows = await db.all(
        `select episode_id, index_date, fracture_level, age_at_index, sex, rule_id, status, reason
         from patient_gaps where person_id = '13289' order by rule_id`,
      );
      const episode = { episode_id: '13289:2018-01-07', index_date: '2018-01-07', fracture_level: 'lumbar', age_at_index: 64, sex: 'F' };
      expect(rows).toEqual([
        { ...episode, rule_id: 'calcium-vitamin-d', status: 'excluded', reason: 'not_enrolled' },
        { ...episode, rule_id: 'early-augmentation', status: 'not_applicable', reason: 'no_augmentation' },
        { ...episode, rule_id: 'untreated-12m', status: 'excluded', reason: 'not_enrolled' },
      ]);
    });
  });

  it('finds no other episode in the sample', async () => {
    await withDb({}, async (db) => {
      await loadInputs(db, { inputDir: tuva });
      await runRulePack(db, { params: defaultRuleParams, valueSetDirs: [] });
      expect(await db.all('select distinct person_id from patient_gaps')).toEqual([{ person_id: '13289' }]);
    });
  });
});
