import type { z } from 'zod';
import { UsageError } from '../errors.js';
import { loadRulePack } from '../rules/rulePack.js';
import { parseFailIf } from './parseFailIf.js';

/** The ids of the shipped rules (rules/rulepack.json), which --fail-if expressions may name. */
export function knownRuleIds(): string[] {
  return loadRulePack().rules.map((rule) => rule.id);
}

/**
 * zod refinement of the `failIf` setting: every expression must parse (see parseFailIf), so a
 * bad one stops the run with exit 2 before any data is read, naming the expression.
 */
export function checkFailIfSetting(expressions: string[], context: z.core.$RefinementCtx<string[]>): void {
  if (expressions.length === 0) return;
  const ruleIds = knownRuleIds();
  for (const expression of expressions) {
    try {
      parseFailIf(expression, ruleIds);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      context.addIssue({ code: 'custom', message: error.message });
    }
  }
}
