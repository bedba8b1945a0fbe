import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Everything under `path` (a file, a folder or a symbolic link) as relative name -> what it is:
 * `file <sha256> <mode>`, `dir <mode>` or `link -> <target>`; `absent` when nothing is there.
 * Two equal snapshots mean the tree is byte-for-byte the same.
 */
export function snapshotTree(path: string): Record<string, string> {
  const result: Record<string, string> = {};
  if (!existsSync(path) && !isLink(path)) return { '.': 'absent' };
  const visit = (absolute: string, name: string): void => {
    const stat = lstatSync(absolute);
    if (stat.isSymbolicLink()) result[name] = `link -> ${readlinkSync(absolute)}`;
    else if (stat.isDirectory()) {
      result[name] = `dir ${stat.mode.toString(8)}`;
      for (const child of readdirSync(absolute).sort()) visit(join(absolute, child), name === '.' ? child : `${name}/${child}`);
    } else result[name] = `file ${createHash('sha256').update(readFileSync(absolute)).digest('hex')} ${stat.mode.toString(8)}`;
  };
  visit(path, '.');
  return result;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
