import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';

/**
 * The minimal --out check of `caregap diff` (a shared guard for every command may replace it;
 * this is its one call site): DIR may be replaced only when it does not exist, is an empty folder,
 * or holds an earlier caregap output (its manifest.json says so). It must not be, or contain, a
 * run folder being compared, nor the current folder. Throws UsageError (exit 2) before any work.
 */
export function checkDiffOut(out: string, inputs: readonly string[]): void {
  const target = resolve(out);
  const inside = (folder: string, candidate: string): boolean => candidate === folder || candidate.startsWith(folder + sep);
  if (target === resolve('.')) throw new UsageError(`--out ${out}: refusing to replace the current folder`);
  for (const input of inputs) {
    if (inside(target, resolve(input))) throw new UsageError(`--out ${out}: refusing to replace ${input}, a run being compared (or a folder holding it)`);
  }
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new UsageError(`--out ${out}: exists and is not a folder; refusing to replace it`);
  if (readdirSync(target).length === 0) return;
  const manifestPath = join(target, 'manifest.json');
  let writtenByCaregap = false;
  try {
    writtenByCaregap = (JSON.parse(readFileSync(manifestPath, 'utf8')) as { software?: { name?: string } }).software?.name === 'caregap';
  } catch {
    writtenByCaregap = false;
  }
  if (!writtenByCaregap) throw new UsageError(`--out ${out}: the folder holds files caregap did not write; refusing to replace it`);
}
