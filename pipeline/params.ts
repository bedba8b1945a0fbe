import { z } from 'zod';

/** Measure parameters (docs/rules.md); every run records the values it used in the manifest. */
export const ruleParamsSchema = z.object({
  /** Audit date; null means "the latest event date in the input". */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').nullable().default(null),
  minAge: z.number().int().min(0).max(130).default(50),
  episodeGapDays: z.number().int().min(1).default(365),
  conservativeCareDays: z.number().int().min(0).default(90),
  calciumMinMg: z.number().min(0).default(1000),
  vitaminDMinIu: z.number().min(0).default(800),
  /** Restrict episodes to one fracture level; null = all levels. */
  level: z.enum(['lumbar', 'thoracic', 'unspecified']).nullable().default(null),
  /** Therapy course (docs/rules.md §8): days of the course window from the start. */
  courseDays: z.number().int().min(1).max(3650).default(365),
  /** Therapy course (§8): the longest uncovered run that does not end the course. */
  permissibleGapDays: z.number().int().min(0).default(60),
  /** Therapy course (§8): adherent when covered_days >= threshold x outpatient_days (0..1, at most 6 decimals). */
  adherenceThreshold: z
    .number()
    .min(0)
    .max(1)
    .refine((value) => Number(value.toFixed(6)) === value, 'expected at most 6 decimals')
    .default(0.8),
});

export type RuleParams = z.infer<typeof ruleParamsSchema>;

export const defaultRuleParams: RuleParams = ruleParamsSchema.parse({});
