import type { Db } from '../../pipeline/db.js';
import type { WorklistRow } from '../model/reportModel.js';

/**
 * Open and prospective gaps (patient-level: only for --worklist), by due date (rows without a
 * due date first: their window has passed), then person id and rule. Every matching row is
 * returned; a population-sized worklist makes a large report.html.
 */
export async function readWorklist(db: Db): Promise<WorklistRow[]> {
  const rows = await db.all<{ person_id: string; rule_id: string; status: string; reason: string | null; due_date: string | null }>(`
    select person_id, rule_id, status, reason, due_date
    from patient_gaps
    where status in ('open', 'prospective')
    order by due_date asc nulls first, person_id, rule_id, index_date
  `);
  return rows.map((row) => ({ personId: row.person_id, ruleId: row.rule_id, status: row.status, reason: row.reason ?? '', dueDate: row.due_date }));
}
