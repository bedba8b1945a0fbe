import type { Db } from '../db.js';
import { quotedIdentifier, quotedString } from '../sql.js';
import { ruleResultColumns, ruleStatuses } from './ruleResultColumns.js';

/**
 * Audits a rule's result table: exactly the columns of ruleResultColumns in order, one row per
 * judged episode (none missing, none twice, none unknown), a known status and a reason on every
 * row. Throws naming the rule and table on the first failure.
 */
export async function checkRuleResult(db: Db, ruleId: string, table: string): Promise<void> {
  const columns = await db.columns(quotedIdentifier(table));
  if (columns.join(',') !== ruleResultColumns.join(',')) {
    throw new Error(
      `rule ${ruleId}: result pass ${table} has columns (${columns.join(', ')}); ` +
        `expected exactly (${ruleResultColumns.join(', ')})`,
    );
  }
  const audit = await db.one<{ duplicated: string; missing: string; unknown: string; invalid: string }>(
    `select
        (select count(*) from (select episode_id from ${quotedIdentifier(table)} group by episode_id having count(*) > 1) as repeated) as duplicated,
        (select count(*) from episode where exclusion_reason is null
            and episode_id not in (select episode_id from ${quotedIdentifier(table)})) as missing,
        (select count(*) from ${quotedIdentifier(table)}
            where episode_id not in (select episode_id from episode where exclusion_reason is null)) as unknown,
        (select count(*) from ${quotedIdentifier(table)}
            where status is null or status not in (${ruleStatuses.map(quotedString).join(', ')}) or reason is null) as invalid`,
  );
  const problems = [
    Number(audit?.duplicated) > 0 ? `${audit?.duplicated} episode(s) with more than one row` : null,
    Number(audit?.missing) > 0 ? `${audit?.missing} judged episode(s) without a row` : null,
    Number(audit?.unknown) > 0 ? `${audit?.unknown} row(s) for episodes that are not judged` : null,
    Number(audit?.invalid) > 0 ? `${audit?.invalid} row(s) with an unknown status or no reason` : null,
  ].filter((problem): problem is string => problem !== null);
  if (problems.length > 0) throw new Error(`rule ${ruleId}: result pass ${table}: ${problems.join('; ')}`);
}
