/** A problem with how caregap was called or configured: the run never starts (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A run that started and failed (exit code 1); nothing is written to --out. */
export class RunError extends Error {
  override readonly name = 'RunError';
}
