/**
 * Turns an FDA package NDC (10 digits in three dashed segments: 4-4-2, 5-3-2 or 5-4-1) into the
 * 11-digit 5-4-2 form claims carry, by left-padding each segment (docs/rules.md §1):
 * `0093-5171-44` -> `00093517144`, `99999-123-45` -> `99999012345`, `99999-1234-5` -> `99999123405`.
 * Returns null for anything else (other segment lengths, non-digits, an undashed code): FDA writes
 * every package NDC in one of the three shapes, so another shape is a data problem to report.
 */
export function normaliseNdc(dashed: string): string | null {
  const match = /^(\d{4,5})-(\d{3,4})-(\d{1,2})$/.exec(dashed.trim());
  if (!match) return null;
  const [, labeler, product, pack] = match as unknown as [string, string, string, string];
  if (labeler.length + product.length + pack.length !== 10) return null;
  return labeler.padStart(5, '0') + product.padStart(4, '0') + pack.padStart(2, '0');
}
