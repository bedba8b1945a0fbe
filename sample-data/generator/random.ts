/**
 * SQL text for deterministic pseudo-randomness. Every draw is a hash of (seed, key, salt) mapped to
 * [0, 1), so a draw depends only on the seed, the person (or episode) and the purpose, never on the
 * thread that computes it. The salts are fixed literals of this module's callers, never user input.
 */
export function u(key: string, salt: string): string {
  if (!/^[a-z0-9_]+$/.test(salt)) throw new Error(`bad salt ${salt}`);
  // DuckDB combines the hashes of several arguments by a cheap mix, which leaves draws with
  // different salts correlated; hashing that combination again with a salt-specific XOR decorrelates them.
  return `((hash(xor(hash(seed, ${key}), hash('${salt}'))) >> 11)::double / 9007199254740992.0)`;
}

/**
 * A CASE expression choosing a label by cumulative weights of a uniform draw column. The last
 * label takes whatever weight is left, so weights need not sum to one.
 */
export function pick(draw: string, weighted: ReadonlyArray<readonly [string, number]>): string {
  let cumulative = 0;
  const arms = weighted.slice(0, -1).map(([label, weight]) => {
    cumulative += weight;
    return `when ${draw} < ${cumulative.toFixed(6)} then '${label}'`;
  });
  const last = weighted[weighted.length - 1];
  if (!last) throw new Error('pick needs at least one label');
  return `(case ${arms.join(' ')} else '${last[0]}' end)`;
}

/** floor(draw * n) as an integer: a uniform integer in [0, n) for a draw in [0, 1). */
export function below(draw: string, n: string | number): string {
  return `floor(${draw} * (${n}))::integer`;
}
