import { isEarlierOutput } from '../earlierOutput.js';
import { guardOutTarget } from '../outGuard.js';
import { diffOutputMarker } from './diffOutputMarker.js';

/**
 * The --out check of `caregap diff`, before any work (docs/contracts.md "What a run may replace"):
 * DIR may be replaced only when it does not exist, is an empty folder, or holds an earlier diff.
 * It may not be, contain or lie inside a run folder being compared, nor be the current folder.
 * Returns the real path to write to; throws UsageError (exit 2) touching nothing.
 */
export function checkDiffOut(out: string, inputs: readonly string[]): string {
  return guardOutTarget(out, {
    option: '--out',
    kind: 'folder',
    inputs,
    isEarlierOutput: (path) => isEarlierOutput(path, diffOutputMarker),
  });
}
