import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * CLI tests spawn bin/caregap.js, which runs the compiled dist/. `make test` has just built it
 * (and says so with CAREGAP_BUILT=1); a bare `npx vitest` builds it here so it is never stale.
 */
export default function setup(): void {
  if (process.env.CAREGAP_BUILT === '1') return;
  const root = join(import.meta.dirname, '..');
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
