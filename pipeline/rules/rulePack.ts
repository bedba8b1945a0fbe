import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../projectRoot.js';
import {
  readRuleDefinition,
  readStageDefinition,
  type RuleDefinition,
  type StageDefinition,
} from './stageDefinition.js';

const rulePackSchema = z.object({
  description: z.string().optional(),
  shared: z.array(z.string()),
  rules: z.array(z.string()).min(1),
  /** Research stages (the therapy course): run after the rules, before combine. */
  research: z.array(z.string()).default([]),
  combine: z.string(),
});

/** The rule pack registry (rules/rulepack.json) with every stage and rule definition read. */
export interface RulePack {
  rulesDir: string;
  /** Shared stages, in run order (tagging, episodes). */
  shared: StageDefinition[];
  rules: RuleDefinition[];
  /** Research measures (docs/rules.md §8), run after the rules; combine reads their tables. */
  research: StageDefinition[];
  /** The stage that combines every rule's result into patient_gaps. */
  combine: StageDefinition;
}

/** The folder holding rulepack.json, the stages, the rules and the value sets. */
export function rulesDir(): string {
  return join(projectRoot(), 'rules');
}

/** Reads rules/rulepack.json and every stage.json / rule.json it names. */
export function loadRulePack(dir: string = rulesDir()): RulePack {
  const path = join(dir, 'rulepack.json');
  const parsed = rulePackSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`rule pack: ${path}: ${parsed.error.message}`);
  const registry = parsed.data;
  return {
    rulesDir: dir,
    shared: registry.shared.map((id) => readStageDefinition(join(dir, id))),
    rules: registry.rules.map((id) => readRuleDefinition(join(dir, id), id)),
    research: registry.research.map((id) => readStageDefinition(join(dir, id))),
    combine: readStageDefinition(join(dir, registry.combine)),
  };
}
