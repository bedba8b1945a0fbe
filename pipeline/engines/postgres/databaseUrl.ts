import { UsageError } from '../../errors.js';

/**
 * A --database-url as it may be shown: the password replaced by `***`. Every message that names
 * the URL uses this; the password itself (from the URL or PGPASSWORD) is never printed.
 */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Checks --database-url before any work: a postgres:// or postgresql:// URL naming a host and a
 * database. Throws UsageError (exit 2) naming the option, never echoing a password.
 */
export function checkDatabaseUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError('--database-url: not a URL (expected postgres://USER@HOST:PORT/DATABASE)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UsageError(`--database-url ${redactedUrl(url)}: expected a postgres:// or postgresql:// URL`);
  }
  if (parsed.hostname === '') throw new UsageError(`--database-url ${redactedUrl(url)}: names no host`);
  if (parsed.pathname.replace(/^\//, '') === '') throw new UsageError(`--database-url ${redactedUrl(url)}: names no database (postgres://USER@HOST:PORT/DATABASE)`);
}
