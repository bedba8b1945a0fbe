import { describe, expect, it } from 'vitest';
import { loadRulePack } from '../../pipeline/rules/rulePack.js';
import { runCli } from '../helpers/runCli.js';

describe('caregap explain --engine postgres', () => {
  it('prints the loader functions, the canonical build and every pass of the rule pack in run order', () => {
    const result = runCli(['explain', '--engine', 'postgres']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const name of ['cg_date_problem', 'cg_num_problem', 'cg_code_system', 'cg_sex', 'cg_latest_date']) expect(result.stdout).toContain(name);
    expect(result.stdout).toContain('cross join lateral (values ...)');
    expect(result.stdout).toMatch(/caregap_work_<pid>_<random>/);
    const pack = loadRulePack();
    const tables = [...pack.shared, ...pack.rules, ...pack.research, pack.combine].flatMap((stage) => stage.passes.map((pass) => pass.table));
    const listed = [...result.stdout.matchAll(/^\s+\d+\. ([a-z0-9_]+) {2}\(/gm)].map((match) => match[1]);
    expect(listed).toEqual(tables);
  });

  it('exits 2 when neither a rule nor --engine postgres is given', () => {
    const result = runCli(['explain']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/name a rule or stage/);
  });
});
