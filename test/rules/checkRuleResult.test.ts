// The audit of a rule's result pass (checkRuleResult.ts): one row per judged episode, no other row,
// a known status and a reason on each. Small hand-made tables, one fault each.
import { describe, expect, test } from 'vitest';
import { withDb } from '../../pipeline/db.js';
import { checkRuleResult } from '../../pipeline/rules/checkRuleResult.js';

// e1 and e2 are judged; e3 is excluded, so no rule may judge it.
function audit(rows: string): Promise<string> {
  return withDb({ threads: 1 }, async (db) => {
    await db.run(`create table episode as select * from (values ('e1', null), ('e2', null), ('e3', 'died')) as t(episode_id, exclusion_reason)`);
    await db.run(`create table result (episode_id varchar, status varchar, reason varchar, evidence_date date,
                  evidence_code varchar, days_to_event integer, due_date date)`);
    if (rows !== '') await db.run(`insert into result (episode_id, status, reason) values ${rows}`);
    return checkRuleResult(db, 'rule-x', 'result').then(
      () => 'ok',
      (error: Error) => error.message,
    );
  });
}

describe('checkRuleResult', () => {
  test('one_row_per_judged_episode_passes', async () => {
    expect(await audit(`('e1', 'open', 'no_therapy'), ('e2', 'closed', 'treated')`)).toBe('ok');
  });

  test('each_fault_is_counted_and_named', async () => {
    expect(await audit(`('e1', 'open', 'a'), ('e1', 'open', 'a'), ('e2', 'open', 'a')`)).toBe(
      'rule rule-x: result pass result: 1 episode(s) with more than one row',
    );
    expect(await audit(`('e1', 'open', 'a')`)).toBe('rule rule-x: result pass result: 1 judged episode(s) without a row');
    expect(await audit(`('e1', 'open', 'a'), ('e2', 'open', 'a'), ('e3', 'open', 'a'), ('e3', 'open', 'a')`)).toBe(
      'rule rule-x: result pass result: 1 episode(s) with more than one row; 2 row(s) for episodes that are not judged',
    );
    expect(await audit(`('e1', 'maybe', 'a'), ('e2', 'open', null)`)).toBe(
      'rule rule-x: result pass result: 2 row(s) with an unknown status or no reason',
    );
    expect(await audit('')).toBe('rule rule-x: result pass result: 2 judged episode(s) without a row');
  });

  test('a_row_without_an_episode_id_is_not_judged_and_hides_no_missing_episode', async () => {
    // NOT IN over a column holding a null is never true: the audit must not rely on it.
    expect(await audit(`('e1', 'open', 'a'), (null, 'open', 'a')`)).toBe(
      'rule rule-x: result pass result: 1 judged episode(s) without a row; 1 row(s) for episodes that are not judged',
    );
  });
});
