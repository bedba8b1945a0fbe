/**
 * Waits for both promises (so neither is left running, e.g. on a second DuckDB connection that is
 * about to close), then throws the first one's failure, else the second's.
 */
export async function bothSettled<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first, second]);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}
