import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Runs `write` against a fresh temporary folder beside `outDir` and moves it into place only when
 * `write` succeeds, so readers never see half a run and a failed run leaves `outDir` as it was.
 */
export async function writeAtomically<T>(outDir: string, write: (tmpDir: string) => Promise<T>): Promise<T> {
  const target = resolve(outDir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const tmpDir = join(parent, `.${basename(target)}.tmp-${stamp}`);
  mkdirSync(tmpDir);
  let result: T;
  try {
    result = await write(tmpDir);
  } catch (error) {
    rmSync(tmpDir, { recursive: true, force: true });
    throw error;
  }
  if (existsSync(target)) {
    const old = join(parent, `.${basename(target)}.old-${stamp}`);
    renameSync(target, old);
    renameSync(tmpDir, target);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(tmpDir, target);
  }
  return result;
}
