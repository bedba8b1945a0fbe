import { rmSync } from 'node:fs';

/** The run was stopped by SIGINT or SIGTERM; the CLI exits 130 or 143. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
  }
}

const exitCodes: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };
/** How long an interrupted run may take to unwind (DuckDB stops its query, finally blocks clean up). */
const unwindMs = 5000;

const removable = new Set<string>();
const interrupters = new Set<() => void>();
let received: NodeJS.Signals | undefined;
let installed = false;

/** The signal that interrupted this process, if any. */
export function interruptedBy(): NodeJS.Signals | undefined {
  return received;
}

/** The exit code for an interrupted process: 130 after SIGINT, 143 after SIGTERM (128 + signal number). */
export function interruptExitCode(signal: NodeJS.Signals): number {
  return exitCodes[signal] ?? 130;
}

/** Throws InterruptedError once a signal was received; long work calls it between steps. */
export function throwIfInterrupted(): void {
  if (received !== undefined) throw new InterruptedError(received);
}

/**
 * Registers a file or folder this process created and must not leave behind when interrupted
 * (a temporary output folder, the spill folder, a working database). Returns the unregister
 * function, to call once the path is gone or has become the finished output.
 */
export function removeOnInterrupt(path: string): () => void {
  removable.add(path);
  return () => removable.delete(path);
}

/** Registers a way to stop running work (DuckDB's connection.interrupt()); returns the unregister function. */
export function interruptOnSignal(stop: () => void): () => void {
  interrupters.add(stop);
  return () => interrupters.delete(stop);
}

function removeAll(): void {
  for (const path of removable) rmSync(path, { recursive: true, force: true });
  removable.clear();
}

function forceExit(signal: NodeJS.Signals): never {
  removeAll();
  process.stderr.write(`caregap: interrupted by ${signal}; temporary files removed, --out unchanged\n`);
  process.exit(interruptExitCode(signal));
}

/**
 * Makes SIGINT and SIGTERM stop a run cleanly: the running DuckDB query is interrupted, the run
 * unwinds through its own clean-up (temporary folders, spill, working database) and the CLI exits
 * 130 or 143. If the run has not unwound within 5 s, or a second signal arrives, everything
 * registered with removeOnInterrupt is removed here and the process exits at once. Only paths this
 * process registered are removed; a user's --temp-dir itself stays. For the CLI only (it replaces
 * Node's default signal behaviour); library callers handle signals themselves.
 */
export function installInterruptHandlers(): void {
  if (installed) return;
  installed = true;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received !== undefined) forceExit(received);
    received = signal;
    for (const stop of interrupters) {
      try {
        stop();
      } catch {
        // A connection already closing cannot be interrupted; the unwind timer still applies.
      }
    }
    setTimeout(() => forceExit(signal), unwindMs).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
