import { z } from 'zod';

/** The input formats the generator writes (docs/contracts.md). */
export const generateFormats = ['events', 'claims', 'omop', 'fhir'] as const;
export type GenerateFormat = (typeof generateFormats)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'not a calendar date')
  .refine((value) => value >= '2000-01-01' && value <= '2099-12-31', 'must lie between 2000-01-01 and 2099-12-31');

/** Options of one generation; validated at the boundary (CLI or API). */
export const generateOptionsSchema = z.object({
  /** Number of persons (ids P0000000 ... ). */
  persons: z.number().int().min(1).max(100_000_000),
  /** Seed: the same seed, persons, format and as_of give byte-identical files. */
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  format: z.enum(generateFormats),
  /** The audit date: the last event date in the data; nothing is dated after it. */
  asOf: isoDate.default('2025-12-31'),
  /** Output folder (created when missing; generated files in it are overwritten). */
  out: z.string().min(1),
  /**
   * Plant only what all four formats can carry: no registry supplement notes (daily dose) and no
   * registry persons without coverage. Only the events format carries those, so this changes the
   * events population alone; claims, omop and fhir are always portable. The same seed, persons and
   * as_of then plant the same population (and the same truth.csv) in every format.
   */
  portable: z.boolean().default(false),
  /**
   * The fraction of persons given a fracture episode (one in seven of them two). The others get
   * background care only: visits with everyday diagnoses, background drugs and supplements, stays,
   * and codes that must not start an episode (some with osteoporosis therapy). 0.42, the default, is
   * the enriched population the tests and samples use; about 0.01 is a realistic prevalence.
   */
  episodeShare: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(0.42),
  /** Write the data files gzip-compressed (`*.csv.gz`, `*.ndjson.gz`); truth and value sets stay plain CSV. */
  gzip: z.boolean().default(false),
  threads: z.number().int().min(1).max(256).optional(),
  memoryLimit: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'expected a size such as 2GB').default('2GB'),
});

/** Options as a caller passes them (defaults may be omitted). */
export type GenerateOptionsInput = z.input<typeof generateOptionsSchema>;
/** Options after validation and defaults. */
export type GenerateOptions = z.output<typeof generateOptionsSchema>;
