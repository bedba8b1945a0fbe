import { InvalidArgumentError } from 'commander';

/**
 * Commander parser for a whole-number option: `12` or `-3`; anything else (``, `2.5`, `1e3`, `12abc`)
 * is refused, so commander exits 2 naming the option. Number() alone reads `` as 0, which once
 * turned `--min-cell ""` into "no suppression".
 */
export function wholeNumber(value: string): number {
  if (!/^\s*-?\d+\s*$/.test(value)) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return Number(value);
}

/** Commander parser for a decimal option: `800`, `12.5`; anything else (``, `abc`, `Infinity`) is refused. */
export function decimalNumber(value: string): number {
  if (!/^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) throw new InvalidArgumentError(`expected a number, got "${value}"`);
  return Number(value);
}
