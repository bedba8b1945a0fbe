import type { Db } from '../db.js';
import { replaceEmptyTable } from './replaceTable.js';
import type { RuleDefinition } from './stageDefinition.js';

/**
 * Creates `rule_value_set` (rule_id, value_set, ordinal): the value sets each rule declares in its
 * rule.json, in declared order. The combine stage reads it to find the display text of a rule's
 * evidence code among that rule's own value sets (docs/reports.md, evidence_display).
 */
export async function collectRuleValueSets(db: Db, rules: readonly RuleDefinition[]): Promise<void> {
  await replaceEmptyTable(db, 'rule_value_set', 'rule_id varchar, value_set varchar, ordinal integer');
  for (const rule of rules) {
    for (const [ordinal, valueSet] of rule.valueSets.entries()) {
      await db.run('insert into rule_value_set values ($rule_id, $value_set, $ordinal)', { rule_id: rule.id, value_set: valueSet, ordinal });
    }
  }
}
