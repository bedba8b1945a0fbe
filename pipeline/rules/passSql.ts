import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads a pass's SQL file and checks it is one plain `select` (optionally `with ...`), so the
 * runner can wrap it in `create table ... as`. Returns the file's text, comments kept, without a
 * trailing `;`. Limits: a `;` inside a string literal or comment
 * is counted as a statement separator, so avoid it.
 */
export function readPassSql(dir: string, file: string): string {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const code = text
    .replace(/--[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .trim()
    .replace(/;\s*$/, '');
  if (!/^(with|select)\b/i.test(code)) {
    throw new Error(`rule pack: ${path}: a pass must be a single select statement (starting with "with" or "select")`);
  }
  if (code.includes(';')) {
    throw new Error(`rule pack: ${path}: a pass must hold exactly one statement`);
  }
  return text.trim().replace(/;\s*$/, '');
}
