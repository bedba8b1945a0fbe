import type { RunSummary } from './runPipeline.js';

/**
 * Warnings of a finished run: each data-quality check that found something (manifest.json
 * data_quality), each input file no source claimed (manifest.json input.ignored_files) and each
 * warning about the results (manifest.json warnings).
 */
export function warningCount(summary: RunSummary): number {
  const dataQuality = Object.values(summary.load.dataQuality).filter((count) => Number(count) > 0).length;
  return dataQuality + summary.load.ignoredFiles.length + summary.warnings.length;
}

const plural = (count: number, word: string): string => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

/**
 * The one line a finished run prints on stderr (terminal or not, unless --quiet): episodes,
 * rejected rows, warnings and where the reports are. Counts and a path only, never patient data.
 */
export function runSummaryLine(summary: RunSummary): string {
  const rejected = summary.rejected > 0 ? `${plural(summary.rejected, 'row')} rejected (see rejects.csv)` : '0 rows rejected';
  const warnings = warningCount(summary);
  return (
    `caregap: ${plural(summary.rules.episodes, 'episode')}, ${rejected}, ` +
    `${plural(warnings, 'warning')}${warnings > 0 ? ' (see manifest.json)' : ''}; reports in ${summary.outDir}`
  );
}
