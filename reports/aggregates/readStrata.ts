import type { Db } from '../../pipeline/db.js';
import { COMPLETE_COHORT_SQL } from './cohort.js';
import type { StratumCounts, StratumDimension } from './rawAggregates.js';

/**
 * SQL for each stratum's level (docs/rules.md §7). Fixed text, never user input. Age bands follow §7;
 * ages under 50 (excluded by min_age) and unknown ages get their own levels so every episode counts.
 */
const LEVEL_SQL: Record<StratumDimension, string> = {
  age_band: `case
      when age_at_index is null then 'unknown'
      when age_at_index < 50 then 'under 50'
      when age_at_index < 65 then '50-64'
      when age_at_index < 75 then '65-74'
      when age_at_index < 85 then '75-84'
      else '85+'
    end`,
  sex: `coalesce(sex, 'U')`,
  fracture_level: `coalesce(fracture_level, 'unspecified')`,
  site: `coalesce(site, '(missing)')`,
  payer: `coalesce(payer, '(missing)')`,
};

/** Order of the age bands; other dimensions sort by level text. */
const AGE_ORDER = ['under 50', '50-64', '65-74', '75-84', '85+', 'unknown'];

/**
 * Per rule: open and closed episodes of the complete cohort (§7) for every level of every stratum.
 * Levels seen only in the in-progress cohort are listed with zeros. Site and payer are left out
 * when patient_gaps has no value for them at all ("when present", §7).
 */
export async function readStrata(db: Db, asOf: string): Promise<Map<string, StratumCounts[]>> {
  const present = await db.one<{ has_site: boolean; has_payer: boolean }>(`
    select count(site) > 0 as has_site, count(payer) > 0 as has_payer from patient_gaps
  `);
  const dimensions = (Object.keys(LEVEL_SQL) as StratumDimension[]).filter(
    (dimension) =>
      (dimension !== 'site' || present?.has_site === true) && (dimension !== 'payer' || present?.has_payer === true),
  );
  // One scan of patient_gaps into cells of the raw values (ages, not yet bands): each dimension's
  // levels are then computed on, and summed over, the cells instead of every row again.
  const cells = `
    select rule_id, age_at_index, sex, fracture_level, site, payer,
      count(*) filter (where status = 'open' and ${COMPLETE_COHORT_SQL}) as open,
      count(*) filter (where status = 'closed' and ${COMPLETE_COHORT_SQL}) as closed
    from patient_gaps
    group by all`;
  const selects = dimensions.map(
    (dimension) => `
    select rule_id, '${dimension}' as dimension, ${LEVEL_SQL[dimension]} as level, sum(open)::integer as open, sum(closed)::integer as closed
    from strata_cells
    group by all`,
  );
  const rows = await db.all<{ rule_id: string; dimension: StratumDimension; level: string; open: number; closed: number }>(
    `with strata_cells as materialized (${cells})\n${selects.join('\n    union all')}`,
    { as_of: asOf },
  );
  const byRule = new Map<string, StratumCounts[]>();
  for (const row of rows) {
    const list = byRule.get(row.rule_id) ?? [];
    list.push({ dimension: row.dimension, level: row.level, open: row.open, closed: row.closed });
    byRule.set(row.rule_id, list);
  }
  for (const list of byRule.values()) list.sort(compareStrata(dimensions));
  return byRule;
}

function compareStrata(dimensions: StratumDimension[]) {
  return (a: StratumCounts, b: StratumCounts): number => {
    const byDimension = dimensions.indexOf(a.dimension) - dimensions.indexOf(b.dimension);
    if (byDimension !== 0) return byDimension;
    if (a.dimension === 'age_band') return AGE_ORDER.indexOf(a.level) - AGE_ORDER.indexOf(b.level);
    return a.level < b.level ? -1 : a.level > b.level ? 1 : 0;
  };
}
