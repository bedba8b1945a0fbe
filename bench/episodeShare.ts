/**
 * The generator's default episode share (`caregap generate --episode-share`): 42% of persons with a
 * fracture episode, the "enriched" synthetic population every bench record before BENCH_SHARES had.
 */
export const ENRICHED_SHARE = 0.42;

/** A realistic prevalence for the bench: about 1 episode per 100 person-years among the old. */
export const REALISTIC_SHARE = 0.01;

/** The episode share a record or population was measured with; absent (older records) = enriched. */
export function shareOf(item: { episodeShare?: number }): number {
  return item.episodeShare ?? ENRICHED_SHARE;
}

/** A share as people read it in results.md: `1%`, `42% (enriched)`. */
export function shareLabel(share: number): string {
  const percent = `${Number((share * 100).toFixed(2))}%`;
  return share === ENRICHED_SHARE ? `${percent} (enriched)` : percent;
}

/**
 * What a share adds to a file or folder name: nothing for the enriched default (so populations and
 * records from before BENCH_SHARES keep their names and are reused), else `-share0.01`.
 */
export function shareSuffix(share: number): string {
  return share === ENRICHED_SHARE ? '' : `-share${share}`;
}

/** `1% with an episode`, `42% with an episode (enriched)`: a share in a sentence. */
export function withEpisode(share: number): string {
  const percent = `${Number((share * 100).toFixed(2))}% with an episode`;
  return share === ENRICHED_SHARE ? `${percent} (enriched)` : percent;
}
