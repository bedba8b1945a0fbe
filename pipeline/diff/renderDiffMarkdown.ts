import { markdownTable } from '../../reports/renderers/markdownTable.js';
import { SUPPRESSED_MARK } from '../../reports/renderers/format.js';
import type { RunComparison } from './compareManifests.js';
import { diffChanges } from './diffChanges.js';
import type { ShownDiffCounts } from './diffDisclosure.js';

/** Everything diff.md shows. */
export interface DiffMarkdownInput {
  previous: { label: string; asOf: string | null };
  current: { label: string; asOf: string | null };
  comparison: RunComparison;
  rules: readonly string[];
  /** Site values, null meaning persons without a site. */
  sites: ReadonlyArray<string | null>;
  counts: ShownDiffCounts;
  minCell: number;
}

/** Label of persons without a site, as in the reports' strata. */
export const MISSING_SITE = '(missing)';

/**
 * diff.md: the runs compared, warnings, then counts of (episode, rule) rows per change and rule,
 * and per site and change (all rules together), after small-cell suppression. Pure: no I/O.
 */
export function renderDiffMarkdown(input: DiffMarkdownInput): string {
  const cell = (value: number | 'suppressed'): string => (value === 'suppressed' ? SUPPRESSED_MARK : String(value));
  const lines: string[] = ['# caregap diff', ''];
  lines.push(`- Previous: \`${input.previous.label}\` (as of ${input.previous.asOf ?? 'unknown'})`);
  lines.push(`- Current: \`${input.current.label}\` (as of ${input.current.asOf ?? 'unknown'})`, '');
  if (input.comparison.warnings.length > 0) {
    lines.push('## Warnings', '', 'The runs differ in ways that can change statuses by themselves:', '');
    for (const warning of input.comparison.warnings) lines.push(`- ${warning}`);
    lines.push('');
  }
  if (input.comparison.notes.length > 0) {
    lines.push('## Also different', '');
    for (const note of input.comparison.notes) lines.push(`- ${note}`);
    lines.push('');
  }

  lines.push('## Changes per rule', '');
  const ruleHeader = ['Change', ...input.rules.map((rule) => `\`${rule}\``), 'All rules'];
  const ruleRows = diffChanges.map((change) => [
    change,
    ...input.rules.map((rule) => cell(input.counts.byRule(rule, change))),
    cell(input.counts.byChange(change)),
  ]);
  ruleRows.push(['All changes', ...input.rules.map((rule) => cell(input.counts.byRule(rule, null))), cell(input.counts.byChange(null))]);
  lines.push(markdownTable(ruleHeader, ruleRows, ruleHeader.map((_, index) => index > 0)), '');

  lines.push('## Changes per site (all rules)', '');
  const siteHeader = ['Site', ...diffChanges, 'All changes'];
  const siteRows = input.sites.map((site) => [
    site === null ? MISSING_SITE : site,
    ...diffChanges.map((change) => cell(input.counts.bySite(site, change))),
    cell(input.counts.bySite(site, null)),
  ]);
  siteRows.push(['All sites', ...diffChanges.map((change) => cell(input.counts.byChange(change))), cell(input.counts.byChange(null))]);
  lines.push(markdownTable(siteHeader, siteRows, siteHeader.map((_, index) => index > 0)), '');

  lines.push(
    'Counts are (episode, rule) rows; each gets the first change that applies, in the order of the',
    'table (docs/contracts.md). A different reason under the same status counts as `unchanged`.',
    input.minCell > 1
      ? `${SUPPRESSED_MARK}: suppressed small cell (1 to ${input.minCell - 1}), with complementary suppression (min_cell ${input.minCell}).`
      : '**Small-cell suppression is off (min_cell 0): counts may identify persons.**',
    '',
  );
  return lines.join('\n');
}
