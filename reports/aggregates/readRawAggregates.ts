import type { Db } from '../../pipeline/db.js';
import { compareRuleIds, RULES, STATUSES, type Status } from '../ruleCatalog.js';
import type { ProcedureType } from '../types.js';
import type { RawRuleAggregates } from './rawAggregates.js';
import { readAugmentation } from './readAugmentation.js';
import { readExcludedReasons } from './readExcludedReasons.js';
import { readIndexMonths } from './readIndexMonths.js';
import { readStatusCounts } from './readStatusCounts.js';
import { readStrata } from './readStrata.js';
import { readTimeToTherapy } from './readTimeToTherapy.js';

/**
 * Every aggregate the reports print, per rule (every rule of the pack, with zero counts when it has
 * no episode, plus any other rule present in patient_gaps), before suppression.
 * Small results only: each query groups in DuckDB and returns at most a few hundred rows.
 */
export async function readRawAggregates(
  db: Db,
  augmentationTypes: Readonly<Record<string, ProcedureType>>,
): Promise<RawRuleAggregates[]> {
  const statusCounts = await readStatusCounts(db);
  const excluded = await readExcludedReasons(db);
  const strata = await readStrata(db);
  const months = await readIndexMonths(db);
  const result: RawRuleAggregates[] = [];
  const zero = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<Status, number>;
  const ruleIds = new Set([...RULES.map((rule) => rule.ruleId as string), ...statusCounts.keys()]);
  for (const ruleId of [...ruleIds].sort(compareRuleIds)) {
    const aggregates: RawRuleAggregates = {
      ruleId,
      statusCounts: statusCounts.get(ruleId) ?? { ...zero },
      excludedByReason: excluded.get(ruleId) ?? [],
      strata: strata.get(ruleId) ?? [],
      indexMonths: months.get(ruleId) ?? [],
    };
    if (ruleId === 'untreated-12m') aggregates.timeToTherapy = await readTimeToTherapy(db, ruleId);
    if (ruleId === 'early-augmentation') aggregates.augmentation = await readAugmentation(db, augmentationTypes, ruleId);
    result.push(aggregates);
  }
  return result;
}
