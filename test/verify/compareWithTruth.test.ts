import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { agrees, compareWithTruth, formatAgreement } from '../../pipeline/verify/compareWithTruth.js';

const dir = mkdtempSync(join(tmpdir(), 'caregap-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const truth = `episode_id,rule_id,status,reason,scenario
P1:2024-01-01,untreated-12m,open,no_therapy,a=none
P1:2024-01-01,early-augmentation,not_applicable,no_augmentation,c=none
P2:2024-02-01,untreated-12m,closed,therapy_started,a=started
`;
const gapsHeader = 'person_id,episode_id,index_date,fracture_level,age_at_index,sex,site,payer,rule_id,status,reason,evidence_date,evidence_code,days_to_event,due_date';

describe('compareWithTruth', () => {
  it('finds full agreement', async () => {
    writeFileSync(join(dir, 'truth.csv'), truth);
    writeFileSync(
      join(dir, 'same.csv'),
      `${gapsHeader}
P1,P1:2024-01-01,2024-01-01,lumbar,70,F,,,early-augmentation,not_applicable,no_augmentation,,,,
P1,P1:2024-01-01,2024-01-01,lumbar,70,F,,,untreated-12m,open,no_therapy,,,,
P2,P2:2024-02-01,2024-02-01,lumbar,70,F,,,untreated-12m,closed,therapy_started,2024-03-01,J0897,29,
`,
    );
    const agreement = await compareWithTruth(join(dir, 'truth.csv'), join(dir, 'same.csv'));
    expect(agreement).toMatchObject({ truthRows: 3, runRows: 3, matched: 3, keys: 3, mismatches: [] });
    expect(agrees(agreement)).toBe(true);
  });

  it('reports a wrong status, a missing episode and an extra one, with a confusion table', async () => {
    writeFileSync(join(dir, 'truth.csv'), truth);
    writeFileSync(
      join(dir, 'diff.csv'),
      `${gapsHeader}
P1,P1:2024-01-01,2024-01-01,lumbar,70,F,,,early-augmentation,not_applicable,no_augmentation,,,,
P1,P1:2024-01-01,2024-01-01,lumbar,70,F,,,untreated-12m,closed,therapy_started,,,,
P3,P3:2024-05-01,2024-05-01,lumbar,70,F,,,untreated-12m,open,no_therapy,,,,
`,
    );
    const agreement = await compareWithTruth(join(dir, 'truth.csv'), join(dir, 'diff.csv'));
    expect(agreement).toMatchObject({ truthRows: 3, runRows: 3, matched: 1, keys: 4 });
    expect(agrees(agreement)).toBe(false);
    expect(agreement.mismatches.map((row) => [row.episode_id, row.expected, row.actual])).toEqual([
      ['P1:2024-01-01', 'open/no_therapy', 'closed/therapy_started'],
      ['P2:2024-02-01', 'closed/therapy_started', '(none)'],
      ['P3:2024-05-01', '(none)', 'open/no_therapy'],
    ]);
    const text = formatAgreement(agreement);
    expect(text).toContain('untreated-12m: expected -> actual');
    expect(text).toContain('! open/no_therapy');
    // Every rule gets its table; agreeing pairs are not marked.
    expect(text).toContain('early-augmentation: expected -> actual');
    expect(text).toMatch(/\n {4}not_applicable\/no_augmentation +-> not_applicable\/no_augmentation +1/);
  });
});
