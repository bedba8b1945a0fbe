import { createHash } from 'node:crypto';

/** A site value (null: persons without a site) and the file its worklist goes to. */
export interface SiteFile {
  site: string | null;
  file: string;
}

/** The file of the rows without a site; site files all start with `site-`, so it cannot clash. */
export const NO_SITE_FILE = 'no-site.csv';

const MAX_STEM = 60;

/**
 * A safe, portable file name for each site's worklist: `site-<name>.csv`, where <name> keeps
 * letters, digits, `.`, `_` and `-` (accents are dropped, every other run of characters becomes
 * one `-`), at most 60 characters. A site that leaves nothing (only symbols or spaces) becomes
 * `site-<first 12 hex of its SHA-256>.csv`. Names are unique even on case-insensitive file systems:
 * a later site whose name clashes (ignoring case) with an earlier one gets `-2`, `-3`, ... in the
 * order of `sites` (pass them sorted for stable names). The prefix rules out reserved device names
 * (CON, NUL) and hidden files. Persons without a site go to `no-site.csv`.
 */
export function siteFileNames(sites: ReadonlyArray<string | null>): SiteFile[] {
  const taken = new Set<string>([NO_SITE_FILE]);
  return sites.map((site) => {
    if (site === null) return { site, file: NO_SITE_FILE };
    const stem = safeStem(site);
    let file = `site-${stem}.csv`;
    for (let suffix = 2; taken.has(file.toLowerCase()); suffix += 1) file = `site-${stem}-${suffix}.csv`;
    taken.add(file.toLowerCase());
    return { site, file };
  });
}

function safeStem(site: string): string {
  const ascii = site.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const stem = ascii
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, MAX_STEM)
    .replace(/[-._]+$/g, '');
  return stem.length > 0 ? stem : createHash('sha256').update(site, 'utf8').digest('hex').slice(0, 12);
}
