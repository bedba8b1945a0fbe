/**
 * Words FDA appends to an active moiety to name the salt or hydrate that is weighed (ALENDRONATE
 * SODIUM, RALOXIFENE HYDROCHLORIDE, RISEDRONATE SODIUM HEMIPENTAHYDRATE). They are dropped for
 * every ingredient except calcium, whose salt is the ingredient (docs/codes.md: calcium carbonate).
 */
const saltWords = new Set([
  'sodium', 'disodium', 'monosodium', 'trisodium', 'potassium', 'hydrochloride', 'hcl', 'acetate',
  'hydrate', 'monohydrate', 'dihydrate', 'trihydrate', 'hemihydrate', 'hemipentahydrate', 'anhydrous',
]);

/** Other spellings FDA labelers use for the same ingredient. */
const synonyms: Record<string, string> = {
  colecalciferol: 'cholecalciferol',
  'vitamin d3': 'cholecalciferol',
  'vitamin d2': 'ergocalciferol',
};

/**
 * The ingredient name caregap uses for one of FDA's SUBSTANCENAME entries: lower case, spaces
 * collapsed, a biosimilar's four-letter suffix dropped (DENOSUMAB-BBDZ is denosumab) and, except
 * for calcium salts, the salt and hydrate words dropped ("ALENDRONATE SODIUM" is alendronate).
 * Acid and anion spellings are reconciled with `known` (ALENDRONIC ACID is alendronate when
 * `known` holds alendronate; ZOLEDRONATE is zoledronic acid when `known` holds that). Limits: a
 * salt word not in the list above is kept, so the name then matches no value set.
 */
export function ingredientName(substance: string, known: ReadonlySet<string>): string {
  let name = substance.trim().toLowerCase().replace(/\s+/g, ' ');
  const biosimilar = /^([a-z]+)-[a-z]{4}$/.exec(name);
  if (biosimilar) name = biosimilar[1]!;
  if (!name.startsWith('calcium')) {
    const words = name.split(' ').filter((word) => !saltWords.has(word));
    if (words.length > 0) name = words.join(' ');
  }
  name = synonyms[name] ?? name;
  if (known.has(name)) return name;
  const acid = /^(.+)ic acid$/.exec(name);
  if (acid && known.has(`${acid[1]}ate`)) return `${acid[1]}ate`;
  const anion = /^(.+)ate$/.exec(name);
  if (anion && known.has(`${anion[1]}ic acid`)) return `${anion[1]}ic acid`;
  return name;
}
