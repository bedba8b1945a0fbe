import type { OutputMarker } from '../earlierOutput.js';

/**
 * How a `caregap diff` output folder is recognised: manifest.json with software.name `caregap` and
 * command `diff`, holding only diff.csv, diff.md and manifest.json. A run's folder is not a diff's:
 * `diff --out` never replaces a run.
 */
export const diffOutputMarker: OutputMarker = {
  file: 'manifest.json',
  writtenBy: (json) => (json.software as Record<string, unknown> | undefined)?.name === 'caregap' && json.command === 'diff',
  listed: () => ['diff.csv', 'diff.md'],
};
