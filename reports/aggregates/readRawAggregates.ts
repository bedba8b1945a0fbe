import type { Db } from '../../pipeline/db.js';
import { compareRuleIds, RULES } from '../ruleCatalog.js';
import type { ProcedureType } from '../types.js';
import type { RawRuleAggregates } from './rawAggregates.js';
import { readActionableBySite, WORKLIST_RULES } from './readActionableBySite.js';
import { readAugmentation } from './readAugmentation.js';
import { readExcludedReasons } from './readExcludedReasons.js';
import { readIndexMonths } from './readIndexMonths.js';
import { readStatusCounts, zeroStatusCounts } from './readStatusCounts.js';
import { readStrata } from './readStrata.js';
import { readTimeToTherapy } from './readTimeToTherapy.js';

/**
 * Every aggregate the reports print, per rule (every rule of the pack, with zero counts when it has
 * no episode, plus any other rule present in patient_gaps), before suppression. Rates' inputs
 * (strata, months, time to therapy, procedure types) are over the complete cohort of `asOf`
 * (docs/rules.md §7). Small results only: each query groups in DuckDB and returns at most a few
 * hundred rows.
 */
export async function readRawAggregates(
  db: Db,
  augmentationTypes: Readonly<Record<string, ProcedureType>>,
  asOf: string,
): Promise<RawRuleAggregates[]> {
  const statusCounts = await readStatusCounts(db, asOf);
  const excluded = await readExcludedReasons(db);
  const strata = await readStrata(db, asOf);
  const months = await readIndexMonths(db, asOf);
  const actionable = await readActionableBySite(db);
  const result: RawRuleAggregates[] = [];
  const ruleIds = new Set([...RULES.map((rule) => rule.ruleId as string), ...statusCounts.keys()]);
  for (const ruleId of [...ruleIds].sort(compareRuleIds)) {
    const counts = statusCounts.get(ruleId);
    const aggregates: RawRuleAggregates = {
      ruleId,
      statusCounts: counts?.all ?? zeroStatusCounts(),
      completeCounts: counts?.complete ?? zeroStatusCounts(),
      inProgressCounts: counts?.inProgress ?? zeroStatusCounts(),
      excludedByReason: excluded.get(ruleId) ?? [],
      strata: strata.get(ruleId) ?? [],
      indexMonths: months.get(ruleId)?.complete ?? [],
      inProgressMonths: months.get(ruleId)?.inProgress ?? [],
    };
    if (ruleId === 'untreated-12m') aggregates.timeToTherapy = await readTimeToTherapy(db, asOf, ruleId);
    if (ruleId === 'early-augmentation') aggregates.augmentation = await readAugmentation(db, augmentationTypes, asOf, ruleId);
    if (WORKLIST_RULES.includes(ruleId)) aggregates.actionableBySite = actionable.get(ruleId) ?? [];
    result.push(aggregates);
  }
  return result;
}
