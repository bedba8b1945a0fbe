import type { Db } from '../../pipeline/db.js';
import type { ProcedureType } from '../types.js';
import { normaliseCode } from './augmentationTypes.js';
import { COMPLETE_COHORT_SQL } from './cohort.js';
import type { AugmentationCounts } from './rawAggregates.js';

const TYPE_ORDER: ProcedureType[] = ['vertebroplasty', 'kyphoplasty', 'unspecified'];

/**
 * Rule C (docs/rules.md §6, §7): open and closed episodes of the complete cohort by procedure type of the judged augmentation
 * (evidence_code), through `lookup` (normalised code -> type). Codes the lookup does not know are
 * unspecified. Every type is listed, with zeros when absent.
 */
export async function readAugmentation(
  db: Db,
  lookup: Readonly<Record<string, ProcedureType>>,
  asOf: string,
  ruleId = 'early-augmentation',
): Promise<AugmentationCounts[]> {
  const rows = await db.all<{ evidence_code: string | null; open: number; closed: number }>(
    `
    select
      evidence_code,
      count(*) filter (where status = 'open')::integer as open,
      count(*) filter (where status = 'closed')::integer as closed
    from patient_gaps
    where rule_id = $rule_id and status in ('open', 'closed') and ${COMPLETE_COHORT_SQL}
    group by evidence_code
  `,
    { rule_id: ruleId, as_of: asOf },
  );
  const totals = new Map<ProcedureType, AugmentationCounts>(
    TYPE_ORDER.map((procedureType) => [procedureType, { procedureType, open: 0, closed: 0 }]),
  );
  for (const row of rows) {
    const type = row.evidence_code === null ? 'unspecified' : (lookup[normaliseCode(row.evidence_code)] ?? 'unspecified');
    const counts = totals.get(type)!;
    counts.open += row.open;
    counts.closed += row.closed;
  }
  return TYPE_ORDER.map((type) => totals.get(type)!);
}
