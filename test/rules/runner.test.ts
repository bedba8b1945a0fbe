// The runner: pass validation, result audits, run_params, patient_gaps shape and the CLI text.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { explainRule, listRules } from '../../pipeline/commands/rules.js';
import { Db } from '../../pipeline/db.js';
import { UsageError } from '../../pipeline/errors.js';
import { defaultRuleParams } from '../../pipeline/params.js';
import { projectRoot } from '../../pipeline/projectRoot.js';
import { readPassSql } from '../../pipeline/rules/passSql.js';
import { patientGapColumns } from '../../pipeline/rules/ruleResultColumns.js';
import { runRulePack } from '../../pipeline/rules/runRulePack.js';
import { AS_OF_LATE, INDEX, day, elder, fracture, runFixture } from './fixture.js';

const scratch = mkdtempSync(join(tmpdir(), 'caregap-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function runWithRulesDir(rulesDir: string, concurrent = false): Promise<string> {
  const db = await Db.open({ threads: 1 });
  try {
    await db.run(readFileSync(join(projectRoot(), 'pipeline', 'sql', 'canonical.sql'), 'utf8'));
    await db.run(`insert into person values ('p1', date '1940-01-15', 'F', null, null, null)`);
    await db.run(`insert into clinical_event (person_id, event_date, code_system, code) values ('p1', date '2020-03-02', 'ICD10CM', 'M8008XA')`);
    await runRulePack(db, { params: defaultRuleParams, valueSetDirs: [], rulesDir, concurrent });
    return 'no error';
  } catch (error) {
    return (error as Error).message;
  } finally {
    db.close();
  }
}

describe('patient_gaps', () => {
  test('has_exactly_the_contract_columns_in_order_and_one_row_per_episode_and_rule', async () => {
    const db = await Db.open({ threads: 1 });
    try {
      await db.run(readFileSync(join(projectRoot(), 'pipeline', 'sql', 'canonical.sql'), 'utf8'));
      await db.run(`insert into person values ('p2', date '1940-01-15', 'M', null, 's1', 'medicare'), ('p1', null, 'F', null, null, null)`);
      await db.run(`insert into clinical_event (person_id, event_date, code_system, code) values
        ('p2', date '2021-05-01', 'ICD10CM', 'M8008XA'), ('p2', date '2020-01-01', 'ICD10CM', 'M8088XA'),
        ('p1', date '2020-06-01', 'ICD10CM', 'M8008XA')`);
      const result = await runRulePack(db, { params: defaultRuleParams, valueSetDirs: [] });
      expect(await db.columns('patient_gaps')).toEqual([...patientGapColumns]);
      const rows = await db.all<{ person_id: string; index_date: string; rule_id: string; site: string | null }>(
        'select person_id, index_date, rule_id, site from patient_gaps',
      );
      // 3 episodes x 3 rules, sorted by person_id, index_date, rule_id.
      expect(rows.map((row) => `${row.person_id} ${row.index_date} ${row.rule_id}`)).toEqual([
        'p1 2020-06-01 calcium-vitamin-d', 'p1 2020-06-01 early-augmentation', 'p1 2020-06-01 untreated-12m',
        'p2 2020-01-01 calcium-vitamin-d', 'p2 2020-01-01 early-augmentation', 'p2 2020-01-01 untreated-12m',
        'p2 2021-05-01 calcium-vitamin-d', 'p2 2021-05-01 early-augmentation', 'p2 2021-05-01 untreated-12m',
      ]);
      expect(rows[3]?.site).toBe('s1');
      expect(result).toMatchObject({ asOf: '2021-05-01', episodes: 3 });
      expect(result.rules.map((rule) => rule.id)).toEqual(['untreated-12m', 'calcium-vitamin-d', 'early-augmentation']);
      expect(Object.keys(result.stageMs)).toEqual([
        'value_sets', 'run_params', 'tagging', 'episodes', 'therapy-events',
        'rule:untreated-12m', 'rule:calcium-vitamin-d', 'rule:early-augmentation', 'therapy-course', 'combine',
      ]);
      expect(await db.all('select as_of, min_age, level from run_params')).toEqual([{ as_of: '2021-05-01', min_age: 50, level: null }]);
    } finally {
      db.close();
    }
  });

  test('unknown_age_episode_is_excluded_in_every_rule_and_episode_table_stays_for_reports', async () => {
    const { gaps, episodes } = await runFixture({
      persons: [elder('p1', { birth_date: null })],
      events: [fracture('p1'), { person_id: 'p1', event_date: day(INDEX, 10), code_system: 'CPT', code: '22511' }],
      params: { asOf: AS_OF_LATE },
    });
    expect(gaps.map((gap) => `${gap.rule_id}:${gap.status}:${gap.reason}:${gap.evidence_code}`)).toEqual([
      'calcium-vitamin-d:excluded:unknown_age:null',
      'early-augmentation:excluded:unknown_age:null',
      'untreated-12m:excluded:unknown_age:null',
    ]);
    expect(episodes).toHaveLength(1);
  });
});

describe('the therapy course beside the rules (a second connection)', () => {
  // Three episodes; p2 starts alendronate 20 days after its second fracture, so the course has a row.
  async function tables(concurrent: boolean): Promise<{ stages: string[]; reported: string[]; gaps: unknown[]; export: unknown[]; course: unknown[] }> {
    const db = await Db.open({ threads: 2 });
    try {
      await db.run(readFileSync(join(projectRoot(), 'pipeline', 'sql', 'canonical.sql'), 'utf8'));
      await db.run(`insert into person values ('p2', date '1940-01-15', 'M', null, 's1', 'medicare'), ('p1', date '1945-02-01', 'F', null, null, null)`);
      await db.run(`insert into clinical_event (person_id, event_date, code_system, code, domain, days_supply) values
        ('p2', date '2021-05-01', 'ICD10CM', 'M8008XA', 'diagnosis', null), ('p2', date '2020-01-01', 'ICD10CM', 'M8088XA', 'diagnosis', null),
        ('p1', date '2020-06-01', 'ICD10CM', 'M8008XA', 'diagnosis', null), ('p2', date '2021-05-21', 'ATC', 'M05BA04', 'drug', 90)`);
      const reported: string[] = [];
      const result = await runRulePack(db, { params: defaultRuleParams, valueSetDirs: [], concurrent, onStage: (stage) => reported.push(stage) });
      return {
        stages: Object.keys(result.stageMs),
        reported,
        gaps: await db.all('select * from patient_gaps'),
        export: await db.all('select * from episode_export'),
        course: await db.all('select * from therapy_course order by episode_id'),
      };
    } finally {
      db.close();
    }
  }

  test('gives_the_same_tables_and_reports_stages_in_the_pack_order', async () => {
    const alone = await tables(false);
    const beside = await tables(true);
    expect(beside.gaps).toEqual(alone.gaps);
    expect(beside.export).toEqual(alone.export);
    expect(beside.course).toEqual(alone.course);
    expect(beside.course.length).toBeGreaterThan(0);
    const order = ['value_sets', 'run_params', 'tagging', 'episodes', 'therapy-events',
      'rule:untreated-12m', 'rule:calcium-vitamin-d', 'rule:early-augmentation', 'therapy-course', 'combine'];
    expect(beside.stages).toEqual(order);
    expect(beside.reported).toEqual(order);
    expect(alone.reported).toEqual(order);
  });

  test('a_broken_course_pass_fails_the_run_with_its_stage_named', async () => {
    const rulesDir = join(scratch, 'rules-broken-course');
    cpSync(join(projectRoot(), 'rules'), rulesDir, { recursive: true });
    writeFileSync(join(rulesDir, 'therapy-course', 'course_gap.sql'), 'select * from no_such_table');
    expect(await runWithRulesDir(rulesDir, true)).toMatch(/stage therapy-course, pass course_gap \(course_gap\.sql\)/);
  });

  test('a_broken_rule_fails_the_run_while_the_course_runs_beside_it', async () => {
    const rulesDir = join(scratch, 'rules-broken-rule');
    cpSync(join(projectRoot(), 'rules'), rulesDir, { recursive: true });
    writeFileSync(join(rulesDir, 'calcium-vitamin-d', 'supplement_evidence.sql'), 'select * from no_such_table');
    expect(await runWithRulesDir(rulesDir, true)).toMatch(/stage calcium-vitamin-d, pass calcium_vitamin_d_evidence/);
  });
});

describe('pass validation and audits', () => {
  test('a_pass_with_two_statements_is_rejected', () => {
    writeFileSync(join(scratch, 'two.sql'), 'select 1;\nselect 2;\n');
    expect(() => readPassSql(scratch, 'two.sql')).toThrow(/exactly one statement/);
  });

  test('a_pass_that_is_not_a_select_is_rejected', () => {
    writeFileSync(join(scratch, 'drop.sql'), '-- comment\ndrop table episode\n');
    expect(() => readPassSql(scratch, 'drop.sql')).toThrow(/single select statement/);
  });

  test('a_result_pass_without_due_date_fails_naming_the_rule', async () => {
    const rulesDir = join(scratch, 'rules-missing-column');
    cpSync(join(projectRoot(), 'rules'), rulesDir, { recursive: true });
    const resultFile = join(rulesDir, 'early-augmentation', 'result.sql');
    writeFileSync(resultFile, readFileSync(resultFile, 'utf8').replace(',\n        cast(null as date) as due_date', ''));
    expect(await runWithRulesDir(rulesDir)).toMatch(/rule early-augmentation: result pass early_augmentation_result has columns .*expected exactly/);
  });

  test('a_result_pass_with_two_rows_per_episode_fails_the_audit', async () => {
    const rulesDir = join(scratch, 'rules-duplicate');
    cpSync(join(projectRoot(), 'rules'), rulesDir, { recursive: true });
    const resultFile = join(rulesDir, 'untreated-12m', 'result.sql');
    writeFileSync(resultFile, readFileSync(resultFile, 'utf8').replace('select * from final', 'select * from final union all select * from final'));
    expect(await runWithRulesDir(rulesDir)).toMatch(/rule untreated-12m: .*1 episode\(s\) with more than one row/);
  });

  test('a_broken_pass_error_names_stage_pass_and_file', async () => {
    const rulesDir = join(scratch, 'rules-broken');
    cpSync(join(projectRoot(), 'rules'), rulesDir, { recursive: true });
    writeFileSync(join(rulesDir, 'calcium-vitamin-d', 'supplement_evidence.sql'), 'select * from no_such_table');
    expect(await runWithRulesDir(rulesDir)).toMatch(/stage calcium-vitamin-d, pass calcium_vitamin_d_evidence \(supplement_evidence\.sql\)/);
  });
});

describe('cli text', () => {
  test('rules_lists_every_rule_with_version_and_basis', () => {
    const text = listRules();
    // untreated-12m v1.1.0: long-acting products always cover their cover_days (docs/rules.md §4 v2).
    expect(text).toContain('untreated-12m  v1.1.0');
    for (const id of ['calcium-vitamin-d', 'early-augmentation']) expect(text).toContain(`${id}  v1.0.0`);
    expect(text).toContain('basis: AAOS 2010');
  });

  test('explain_prints_parameters_with_defaults_and_every_pass_sql', () => {
    const text = explainRule('calcium-vitamin-d');
    expect(text).toContain('calcium_min_mg = 1000');
    expect(text).toContain('vitamin_d_min_iu = 800');
    expect(text).toContain('-- pass 1 of 2: table calcium_vitamin_d_evidence');
    expect(text).toContain('-- §5 evidence window');
  });

  test('explain_therapy_course_prints_its_parameters_and_passes', () => {
    const text = explainRule('therapy-course');
    expect(text).toContain('course_days = 365');
    expect(text).toContain('permissible_gap_days = 60');
    expect(text).toContain('adherence_threshold = 0.8');
    expect(text).toContain('-- pass 6 of 6: table therapy_course');
    expect(text).toContain('end_k = max over j <= k of');
  });

  test('explain_of_an_unknown_rule_is_a_usage_error', () => {
    expect(() => explainRule('no-such-rule')).toThrow(UsageError);
  });
});
