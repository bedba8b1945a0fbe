import type { Db } from '../../pipeline/db.js';
import { quotedString } from '../../pipeline/sql.js';
import type { ActionableSiteCounts } from './rawAggregates.js';

/** Rules whose open and prospective rows are the worklist (docs/contracts.md: never rule C, whose procedure happened). */
export const WORKLIST_RULES: readonly string[] = ['untreated-12m', 'calcium-vitamin-d'];

/**
 * Per worklist rule: open and prospective rows by site (a missing site is '(missing)'), sorted by
 * site; every site of patient_gaps is listed for every such rule, with zeros. These are the
 * counts of worklist.csv's rows: aggregates, suppressed like any other.
 */
export async function readActionableBySite(db: Db): Promise<Map<string, ActionableSiteCounts[]>> {
  const rows = await db.all<{ rule_id: string; site: string; open: number; prospective: number }>(`
    with gaps as (
      select rule_id, coalesce(site, '(missing)') as site, status
      from patient_gaps
    ),
    site_list as (
      select distinct site from gaps
    ),
    rule_list as (
      select rule_id from (values ${WORKLIST_RULES.map((rule) => `(${quotedString(rule)})`).join(', ')}) as listed(rule_id)
    ),
    counts as (
      select
        rule_id,
        site,
        count(*) filter (where status = 'open')::integer as open,
        count(*) filter (where status = 'prospective')::integer as prospective
      from gaps
      where rule_id in (select rule_id from rule_list)
      group by all
    ),
    final as (
      select
        rule_list.rule_id,
        site_list.site,
        coalesce(counts.open, 0) as open,
        coalesce(counts.prospective, 0) as prospective
      from rule_list
      cross join site_list
      left join counts
        on counts.rule_id = rule_list.rule_id
        and counts.site = site_list.site
    )
    select * from final order by rule_id, site
  `);
  const byRule = new Map<string, ActionableSiteCounts[]>();
  for (const row of rows) {
    const list = byRule.get(row.rule_id) ?? [];
    list.push({ site: row.site, open: row.open, prospective: row.prospective });
    byRule.set(row.rule_id, list);
  }
  return byRule;
}
