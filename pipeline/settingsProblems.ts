import type { z } from 'zod';

/** `minCell` -> `--min-cell`. */
export function optionNameOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

const expectedWords: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
};

/** One zod issue in plain words: what was expected and what was given. */
function describeIssue(issue: z.core.$ZodIssue, given: unknown): string {
  if (issue.message === 'is required') return 'is required';
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${expectedWords[issue.expected] ?? issue.expected}, got ${JSON.stringify(given) ?? String(given)}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}, got ${JSON.stringify(given)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}, got ${JSON.stringify(given)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => String(value)).join(', ')}, got ${JSON.stringify(given)}`;
    case 'unrecognized_keys':
      return `unknown setting ${issue.keys.join(', ')}`;
    default:
      // --database-url may hold a password: never echoed.
      return issue.path[0] === 'databaseUrl' ? issue.message : `${issue.message}, got ${JSON.stringify(given)}`;
  }
}

/**
 * The problems zod found in merged settings, one phrase each, naming the option as the user gave it:
 * `--min-cell` for a command-line value, `minCell (config file)` for a value from `--config`.
 * Values are only options the user typed, never patient data.
 */
export function describeSettingsProblems(error: z.ZodError, merged: Record<string, unknown>, fromCli: Record<string, unknown>): string {
  return error.issues
    .map((issue) => {
      const key = String(issue.path[0] ?? '');
      if (key === '') return `config file: ${describeIssue(issue, undefined)}`;
      const name = fromCli[key] !== undefined || merged[key] === undefined ? optionNameOf(key) : `${key} (config file)`;
      const phrase = describeIssue(issue, merged[key]);
      return phrase === 'is required' ? `${name} is required` : `${name}: ${phrase}`;
    })
    .join('; ');
}
