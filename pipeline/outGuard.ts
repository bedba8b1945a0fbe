import { accessSync, constants, existsSync, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, parse, relative, resolve, sep } from 'node:path';
import { UsageError } from './errors.js';

/** What a command writes and what it must never replace (docs/contracts.md "What a run may replace"). */
export interface OutGuard {
  /** The option as the user typed it, for messages: `--out`. */
  option: string;
  /** Whether the command writes a folder (run, generate, diff) or a single file. */
  kind: 'folder' | 'file';
  /** Inputs of the command (folders or files): the target may not be one, contain one or lie inside one. */
  inputs?: readonly (string | undefined)[];
  /** Other paths the command uses (a --temp-dir, a key file): the target may not be one or contain one. */
  keep?: readonly (string | undefined)[];
  /**
   * Whether an existing, non-empty target holds this command's own earlier output (e.g. a run's
   * manifest.json). Only then is it replaced. Called with the target's real path.
   */
  isEarlierOutput: (path: string) => boolean;
}

/**
 * The real path of `path`: symbolic links resolved, also when the last parts do not exist yet
 * (the nearest existing folder is resolved and the rest appended).
 */
function realPathOf(path: string): string {
  const absolute = resolve(path);
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(realpathSync(current), ...missing.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      missing.push(basename(current));
      current = parent;
    }
  }
}

/** Whether `inner` is `outer` or lies inside it (both real, absolute paths). */
function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !parse(rel).root);
}

function refuse(guard: OutGuard, target: string, why: string): never {
  throw new UsageError(`${guard.option} ${target}: ${why}; nothing was changed`);
}

/**
 * Decides, before any work, whether `target` may be written and replaced by a command, and returns
 * the real absolute path the command must write to (relative paths, `..`, trailing slashes and
 * symbolic links resolved). Allowed: a target that does not exist (its nearest existing folder must
 * be writable), an empty folder (or empty file), or the command's own earlier output as
 * `isEarlierOutput` recognises it. Refused with a UsageError (exit 2), touching nothing: any other
 * existing file or folder, a dangling symbolic link, the filesystem root, the home folder, the
 * current folder or a folder containing it, an input (or a folder inside or around one), and a
 * folder containing a `keep` path. Limits: it judges the file system as it is now; a path changed
 * by someone else between this check and the write is not detected.
 */
export function guardOutTarget(target: string | undefined, guard: OutGuard): string {
  if (target === undefined || target.trim() === '') throw new UsageError(`${guard.option} is required`);
  const shown = target;
  let linkStat;
  try {
    linkStat = lstatSync(target);
  } catch {
    linkStat = undefined;
  }
  if (linkStat?.isSymbolicLink() && !existsSync(target)) refuse(guard, shown, 'is a symbolic link to nothing');
  const real = realPathOf(target);

  if (parse(real).root === real) refuse(guard, shown, 'is the root of the file system');
  if (isWithin(realPathOf(homedir()), real)) refuse(guard, shown, 'is the home folder or contains it');
  if (isWithin(realPathOf(process.cwd()), real)) refuse(guard, shown, 'is the current folder or contains it');
  for (const input of guard.inputs ?? []) {
    if (input === undefined || input === '') continue;
    const inputReal = realPathOf(input);
    if (isWithin(inputReal, real)) refuse(guard, shown, `is the input ${input} or contains it`);
    if (isWithin(real, inputReal)) refuse(guard, shown, `lies inside the input ${input}; write elsewhere`);
  }
  for (const kept of guard.keep ?? []) {
    if (kept === undefined || kept === '') continue;
    if (isWithin(realPathOf(kept), real)) refuse(guard, shown, `is ${kept} or contains it`);
  }

  if (!existsSync(real)) {
    let parent = dirname(real);
    while (!existsSync(parent)) parent = dirname(parent);
    if (!statSync(parent).isDirectory()) refuse(guard, shown, `cannot be created: ${parent} is not a folder`);
    try {
      accessSync(parent, constants.W_OK);
    } catch {
      refuse(guard, shown, `cannot be created: ${parent} is not writable`);
    }
    return real;
  }

  const stat = statSync(real);
  if (guard.kind === 'folder') {
    if (!stat.isDirectory()) refuse(guard, shown, 'is an existing file, not a folder caregap wrote');
    let entries: string[];
    try {
      entries = readdirSync(real);
    } catch {
      refuse(guard, shown, 'is a folder caregap cannot read');
    }
    if (entries.length > 0 && !guard.isEarlierOutput(real)) {
      refuse(guard, shown, 'exists and does not hold an earlier caregap output; give a new or empty folder');
    }
  } else {
    if (!stat.isFile()) refuse(guard, shown, 'exists and is not a file');
    if (stat.size > 0 && !guard.isEarlierOutput(real)) {
      refuse(guard, shown, 'exists and was not written by caregap; give a new file name');
    }
  }
  try {
    accessSync(dirname(real), constants.W_OK);
  } catch {
    refuse(guard, shown, `cannot be replaced: ${dirname(real)} is not writable`);
  }
  return real;
}
