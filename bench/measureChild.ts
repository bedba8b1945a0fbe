import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** One measured child process. */
export interface ChildMeasurement {
  /** Wall time from spawn to exit, in milliseconds. */
  wallMs: number;
  /** Peak resident set size of the child, in bytes (GNU time's "Maximum resident set size"). */
  peakRssBytes: number;
  stdout: string;
  stderr: string;
}

const gnuTime = '/usr/bin/time';

/**
 * Makes sure GNU time is there (installing the `time` package with apt-get when it is not and we
 * may); returns whether it can be used. Without it, peak RSS is sampled from /proc instead.
 */
export function ensureGnuTime(log: (line: string) => void): boolean {
  if (existsSync(gnuTime)) return true;
  log('bench: /usr/bin/time missing; trying apt-get install -y time');
  spawnSync('apt-get', ['install', '-y', 'time'], { stdio: 'ignore' });
  return existsSync(gnuTime);
}

function parsePeakRss(stderr: string): number | undefined {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return match ? Number(match[1]) * 1024 : undefined;
}

function vmHwm(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0; // the process has exited
  }
}

/**
 * Runs `command args` as a child process and measures its wall time and peak memory: through
 * `/usr/bin/time -v` when `useGnuTime`, else by sampling VmHWM every 50 ms (which can miss a peak
 * reached in the last 50 ms). Rejects with stderr when the child exits non-zero.
 */
export function measureChild(command: string, args: string[], useGnuTime: boolean): Promise<ChildMeasurement> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = useGnuTime ? spawn(gnuTime, ['-v', command, ...args]) : spawn(command, args);
    let stdout = '';
    let stderr = '';
    let sampled = 0;
    const sampler = useGnuTime ? undefined : setInterval(() => (sampled = Math.max(sampled, vmHwm(child.pid ?? 0))), 50);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (sampler) clearInterval(sampler);
      if (code !== 0) {
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-4000)}`));
        return;
      }
      const peakRssBytes = useGnuTime ? (parsePeakRss(stderr) ?? 0) : sampled;
      resolvePromise({ wallMs, peakRssBytes, stdout, stderr });
    });
  });
}
