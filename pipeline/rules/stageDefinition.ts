import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { runParamColumns } from './runParamColumns.js';

const passSchema = z.object({
  /** Table the pass is materialised as; later passes read it by this name. */
  table: z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a lower-case SQL identifier'),
  /** The pass's single `select` statement, relative to the stage folder. */
  file: z.string().regex(/^[A-Za-z0-9_.-]+\.sql$/, 'expected a .sql file name in the same folder'),
  grain: z.string().optional(),
});

const runParamColumnNames = runParamColumns.map((column) => column.column) as [string, ...string[]];

/** A stage (stage.json): an ordered list of SQL passes sharing a folder. */
export const stageDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string(),
  parameters: z.array(z.enum(runParamColumnNames)),
  valueSets: z.array(z.string()),
  passes: z.array(passSchema).min(1),
});

/** A rule (rule.json): a stage with a version and guideline basis; its last pass is the result. */
export const ruleDefinitionSchema = stageDefinitionSchema.extend({
  version: z.string().min(1),
  guideline: z.string().min(1),
  specSection: z.string().min(1),
});

export type PassDefinition = z.infer<typeof passSchema>;
export type StageDefinition = z.infer<typeof stageDefinitionSchema> & { dir: string };
export type RuleDefinition = z.infer<typeof ruleDefinitionSchema> & { dir: string };

/** Reads and validates `<dir>/<file>` against a schema; errors name the file and the field. */
function readDefinition<T extends object>(dir: string, file: string, schema: z.ZodType<T>): T & { dir: string } {
  const path = join(dir, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`rule pack: ${path}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`rule pack: ${path}: ${issues.join('; ')}`);
  }
  return { ...parsed.data, dir };
}

/** Reads a shared stage's `stage.json`. */
export function readStageDefinition(dir: string): StageDefinition {
  return readDefinition(dir, 'stage.json', stageDefinitionSchema);
}

/** Reads a rule's `rule.json`; its id must equal its folder name. */
export function readRuleDefinition(dir: string, id: string): RuleDefinition {
  const rule = readDefinition(dir, 'rule.json', ruleDefinitionSchema);
  if (rule.id !== id) throw new Error(`rule pack: ${join(dir, 'rule.json')}: id "${rule.id}" differs from its folder "${id}"`);
  return rule;
}
