import { Option, type Command } from 'commander';
import { explainPostgres } from '../engines/postgres/explainPostgres.js';
import { UsageError } from '../errors.js';
import { defaultRuleParams } from '../params.js';
import { readPassSql } from '../rules/passSql.js';
import { loadRulePack } from '../rules/rulePack.js';
import { runParamColumns } from '../rules/runParamColumns.js';
import type { StageDefinition } from '../rules/stageDefinition.js';

/**
 * Registers `caregap rules` (list the rule pack: id, version, title, guideline basis) and
 * `caregap explain <rule>` (a rule's or shared stage's parameters with their defaults, value sets
 * and SQL passes in run order). An unknown rule is a usage error (exit code 2).
 */
export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list the rules of the rule pack (id, version, title, guideline basis)')
    .action(() => {
      process.stdout.write(listRules());
    });
  program
    .command('explain')
    .description('print a rule\'s SQL passes and the parameters it uses, with their defaults; with --engine postgres, what runs in PostgreSQL')
    .argument('[rule]', 'rule id (see `caregap rules`), or a stage: tagging, episodes, therapy-events, therapy-course, combine')
    .addOption(new Option('--engine <engine>', 'duckdb (default) or postgres: without a rule, print every step a postgres run takes').choices(['duckdb', 'postgres']))
    .action((ruleId: string | undefined, options: { engine?: 'duckdb' | 'postgres' }) => {
      if (ruleId === undefined) {
        if (options.engine !== 'postgres') throw new UsageError('explain: name a rule or stage (see `caregap rules`), or give --engine postgres');
        process.stdout.write(explainPostgres());
        return;
      }
      process.stdout.write(explainRule(ruleId));
    });
}

/** Where every rule, window and status is defined: the project's own docs, shipped with it. */
const definitionsLine =
  'Definitions: docs/rules.md (§1 codes, §2 episodes, §3 statuses and exclusions, §4-§6 the rules, §7 aggregates, §8 therapy course, §9 control charts); inputs and outputs: docs/contracts.md; codes: docs/codes.md';

/** The text `caregap rules` prints. */
export function listRules(): string {
  const pack = loadRulePack();
  const lines = pack.rules.flatMap((rule) => [
    `${rule.id}  v${rule.version}  ${rule.title}`,
    `    defined in: ${rule.specSection}`,
    `    basis: ${rule.guideline}`,
    '',
  ]);
  const shared = [...pack.shared, ...pack.research, pack.combine].map((stage) => stage.id).join(', ');
  return `${lines.join('\n')}Shared stages (caregap explain <stage>): ${shared}\n${definitionsLine}\n`;
}

/** The text `caregap explain <rule>` prints; throws UsageError for an unknown id. */
export function explainRule(ruleId: string): string {
  const pack = loadRulePack();
  const stages: StageDefinition[] = [...pack.shared, ...pack.rules, ...pack.research, pack.combine];
  const stage = stages.find((candidate) => candidate.id === ruleId);
  if (!stage) {
    throw new UsageError(`unknown rule "${ruleId}" (known: ${stages.map((candidate) => candidate.id).join(', ')})`);
  }
  const rule = pack.rules.find((candidate) => candidate.id === ruleId);
  const out: string[] = [];
  out.push(rule ? `${rule.id} v${rule.version}: ${rule.title}` : `${stage.id}: ${stage.title}`);
  if (rule) out.push(`Defined in: ${rule.specSection}`, `Guideline basis: ${rule.guideline}`);
  out.push('', 'Parameters (run_params column = default; `caregap run` options override):');
  const used = stage.parameters.length > 0 ? stage.parameters : [];
  for (const column of runParamColumns.filter((candidate) => used.includes(candidate.column))) {
    const value = defaultRuleParams[column.key];
    out.push(`  ${column.column} = ${value === null ? 'null' : String(value)}    -- ${column.meaning}`);
  }
  if (used.length === 0) out.push('  (none)');
  out.push('', `Value sets: ${stage.valueSets.length > 0 ? stage.valueSets.join(', ') : '(none)'}`);
  if (rule) {
    const sharedTables = pack.shared.map((shared) => `${shared.id} (${shared.passes.map((pass) => pass.table).join(', ')})`);
    out.push(`Runs after the shared stages: ${sharedTables.join('; ')}`);
  }
  out.push('');
  for (const [index, pass] of stage.passes.entries()) {
    out.push(`-- pass ${index + 1} of ${stage.passes.length}: table ${pass.table} (${stage.id}/${pass.file})`);
    if (pass.grain) out.push(`-- grain: ${pass.grain}`);
    out.push(readPassSql(stage.dir, pass.file), '');
  }
  return `${out.join('\n')}\n`;
}
