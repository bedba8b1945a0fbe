/** Categories placed along an axis, each in a band of equal size. */
export interface BandScale {
  categories: readonly string[];
  /** Size of one band in px. */
  bandwidth: number;
  /** Start of the band of `category`; throws on a category outside the scale. */
  start: (category: string) => number;
  /** Centre of the band of `category`; throws on a category outside the scale. */
  centre: (category: string) => number;
}

/**
 * Equal bands for `categories` (in the order given, duplicates ignored) over `range` px, the first
 * category at range[0]. The band centres leave half a step of space at
 * each end, which is how the p-chart places its periods.
 */
export function bandScale(categories: readonly string[], range: readonly [number, number]): BandScale {
  const unique = [...new Set(categories)];
  const index = new Map(unique.map((category, position) => [category, position]));
  const bandwidth = unique.length === 0 ? 0 : (range[1] - range[0]) / unique.length;
  const start = (category: string): number => {
    const position = index.get(category);
    if (position === undefined) throw new Error(`chart category "${category}" is not on its axis`);
    return range[0] + position * bandwidth;
  };
  return { categories: unique, bandwidth, start, centre: (category) => start(category) + bandwidth / 2 };
}
