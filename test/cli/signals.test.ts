import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { snapshotTree } from '../helpers/snapshotTree.js';
import { makeTempDir } from '../helpers/tempDir.js';

// docs/contracts.md: a run that is interrupted (SIGINT, SIGTERM) removes its temporary folders, spill
// files and working database before it exits; --out stays as it was. Exit 130 / 143 (128 + signal).

const repo = join(import.meta.dirname, '..', '..');
// The committed sample (2,000 persons) keeps a run busy for a few seconds: long enough to interrupt.
const sample = join(repo, 'sample-data', 'events');
const temp = makeTempDir();
afterAll(() => temp.cleanup());
const root = realpathSync(temp.dir);

interface Interrupted { code: number | null; stderr: string; signalled: boolean }

/** Starts `caregap run`, sends `signal` as soon as `ready(pid)` holds, and waits for the exit. */
async function interruptRun(args: string[], signal: NodeJS.Signals, ready: (pid: number) => boolean): Promise<Interrupted> {
  const child = spawn(process.execPath, [join(repo, 'bin', 'caregap.js'), 'run', ...args], { env: { ...process.env, FORCE_COLOR: '0' } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let signalled = false;
  while (child.exitCode === null && !signalled) {
    if (ready(child.pid!)) {
      child.kill(signal);
      signalled = true;
    } else await sleep(5);
  }
  return { code: await exited, stderr, signalled };
}

const entries = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : []);

describe('an interrupted run leaves nothing behind', () => {
  const parent = join(root, 'reports');
  const out = join(parent, 'audit');
  let before: Record<string, string>;
  beforeAll(() => {
    const first = runCli(['run', '--input', sample, '--out', out, '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    before = snapshotTree(out);
  });

  it('SIGINT while loading into a working database on disk: exit 130, spill and database removed, --out untouched', async () => {
    const result = await interruptRun(['--input', sample, '--valuesets', join(sample, 'valuesets'), '--out', out, '--work-db', 'disk'], 'SIGINT', (pid) =>
      entries(join(parent, `.caregap-spill-${pid}`)).some((name) => name.endsWith('.duckdb')),
    );
    expect(result.signalled).toBe(true);
    expect(result.stderr).toBe('caregap: interrupted by SIGINT; temporary files removed, --out unchanged\n');
    expect(result.code).toBe(130);
    expect(readdirSync(parent)).toEqual(['audit']);
    expect(snapshotTree(out)).toEqual(before);
  });

  it('SIGTERM while the reports are being written: exit 143, the temporary output folder removed, --out untouched', async () => {
    const result = await interruptRun(['--input', sample, '--valuesets', join(sample, 'valuesets'), '--out', out], 'SIGTERM', () =>
      entries(parent).some((name) => name.startsWith('.audit.tmp-')),
    );
    expect(result.signalled).toBe(true);
    expect(result.stderr).toBe('caregap: interrupted by SIGTERM; temporary files removed, --out unchanged\n');
    expect(result.code).toBe(143);
    expect(readdirSync(parent)).toEqual(['audit']);
    expect(snapshotTree(out)).toEqual(before);
  });

  it("SIGINT with the user's --temp-dir: the working database goes, the folder and the user's files stay", async () => {
    const tempDir = join(root, 'scratch');
    mkdirSync(tempDir);
    writeFileSync(join(tempDir, 'keep.txt'), 'the user put this here');
    const fresh = join(root, 'fresh', 'out');
    const result = await interruptRun(['--input', sample, '--valuesets', join(sample, 'valuesets'), '--out', fresh, '--work-db', 'disk', '--temp-dir', tempDir], 'SIGINT', () =>
      entries(tempDir).some((name) => name.endsWith('.duckdb')),
    );
    expect(result.signalled).toBe(true);
    expect(result.code).toBe(130);
    expect(readdirSync(tempDir)).toEqual(['keep.txt']);
    expect(entries(join(root, 'fresh'))).toEqual([]);
  });
});
