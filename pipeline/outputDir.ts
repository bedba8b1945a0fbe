import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { removeOnInterrupt, throwIfInterrupted } from './interruption.js';

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
  // An interrupted run removes the half-written folder and leaves outDir as it was.
  const forget = removeOnInterrupt(tmpDir);
  let result: T;
  try {
    result = await write(tmpDir);
    throwIfInterrupted();
  } catch (error) {
    rmSync(tmpDir, { recursive: true, force: true });
    forget();
    throw error;
  }
  forget();
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
