import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway PostgreSQL cluster: its folder, port and a connection URL (trust auth, no password). */
export interface PgCluster {
  dir: string;
  port: number;
  url: string;
  /** Creates a database in the cluster and returns its URL. */
  createDatabase(name: string): string;
  stop(): void;
}

/** The newest Debian PostgreSQL server binaries folder, e.g. /usr/lib/postgresql/15/bin, or null. */
function findBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0]!, 'bin') : null;
}

/**
 * Debian's PostgreSQL server binaries, installing the `postgresql` package with apt-get when they are
 * missing (the test setup's job: CI runs as root, as for the Chromium test). Returns null, with the
 * reason, when they cannot be had.
 */
export function ensurePostgres(): { binDir: string | null; reason: string } {
  const found = findBinDir();
  if (found) return { binDir: found, reason: '' };
  try {
    // Test files install in parallel workers: flock serialises them, and apt waits for dpkg's lock.
    execFileSync('flock', ['/tmp/caregap-apt.lock', 'sh', '-c', 'apt-get -o DPkg::Lock::Timeout=300 update && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends postgresql'], {
      stdio: 'ignore',
      timeout: 600_000,
    });
  } catch (error) {
    return { binDir: null, reason: `postgresql is not installed and apt-get install -y postgresql failed: ${(error as Error).message}` };
  }
  const installed = findBinDir();
  return installed ? { binDir: installed, reason: '' } : { binDir: null, reason: 'apt-get install -y postgresql gave no initdb' };
}

/** A free local TCP port (asked of the kernel, then released for the server to take). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Creates and starts a cluster in a new temporary folder on a free local port. PostgreSQL refuses to
 * run as root, so as root the folder is given to the `postgres` user and initdb/pg_ctl run as it
 * (runuser); otherwise as the current user. Trust authentication on 127.0.0.1 only; fsync off (a
 * throwaway cluster). stop() stops the server and removes the folder.
 */
export async function startCluster(binDir: string): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'caregap-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]): void => {
    const command = asRoot ? ['runuser', ['-u', 'postgres', '--', join(binDir, program), ...args]] as const : [join(binDir, program), args] as const;
    const result = spawnSync(command[0], [...command[1]], { encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout}`);
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'caregap', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  const options = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=20 -c shared_buffers=64MB`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const base = `postgres://caregap@127.0.0.1:${port}`;
  const stop = (): void => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const createDatabase = (name: string): string => {
    const psql = join(binDir, 'psql');
    const result = spawnSync(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', `${base}/postgres`, '-c', `create database "${name}"`], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`create database ${name} failed: ${result.stderr}`);
    return `${base}/${name}`;
  };
  return { dir, port, url: `${base}/postgres`, createDatabase, stop };
}
