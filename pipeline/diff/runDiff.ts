import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withDb } from '../db.js';
import { UsageError } from '../errors.js';
import { writeAtomically } from '../outputDir.js';
import { assertGapsColumns, gapsRelation, readRunFolder } from '../runOutput/readRunFolder.js';
import { quotedString } from '../sql.js';
import { caregapVersion } from '../version.js';
import { buildRunDiff, diffInputColumns, duplicateKeys } from './buildRunDiff.js';
import { checkDiffOut } from './checkDiffOut.js';
import { compareManifests } from './compareManifests.js';
import { diffColumns } from './diffChanges.js';
import { suppressDiffCounts, type DiffCount } from './diffDisclosure.js';
import { renderDiffMarkdown } from './renderDiffMarkdown.js';

/** Options of one `caregap diff`. */
export interface DiffOptions {
  previous: string;
  current: string;
  out: string;
  /** Suppression threshold for diff.md; default: the current run's min_cell, else 11. */
  minCell?: number;
  threads?: number;
}

/** What a diff found, for the command's closing line and its warnings. */
export interface DiffSummary {
  outDir: string;
  rows: number;
  warnings: string[];
}

/**
 * `caregap diff PREVIOUS CURRENT --out DIR` (docs/contracts.md): checks both run folders and DIR
 * (UsageError, exit 2, before any work), matches the runs' patient_gaps by (episode_id, rule_id)
 * in DuckDB, and writes diff.csv (sorted by person_id, episode_id, rule_id, with COPY), diff.md
 * (suppressed counts per rule, change and site, with the warnings) and manifest.json into DIR,
 * atomically.
 */
export async function runDiff(options: DiffOptions): Promise<DiffSummary> {
  const previous = readRunFolder(options.previous, 'PREVIOUS');
  const current = readRunFolder(options.current, 'CURRENT');
  if (previous.dir === current.dir) throw new UsageError(`PREVIOUS and CURRENT are the same folder: ${options.previous}`);
  const outDir = checkDiffOut(options.out, [options.previous, options.current]);
  const comparison = compareManifests(previous, current);
  const minCell = options.minCell ?? numberOr(current.manifest.parameters?.minCell, 11);

  return withDb({ threads: options.threads }, async (db) => {
    await assertGapsColumns(db, previous, diffInputColumns, 'PREVIOUS');
    await assertGapsColumns(db, current, diffInputColumns, 'CURRENT');
    const previousGaps = gapsRelation(previous, diffInputColumns);
    const currentGaps = gapsRelation(current, diffInputColumns);
    for (const [role, relation] of [['PREVIOUS', previousGaps], ['CURRENT', currentGaps]] as const) {
      const duplicates = await duplicateKeys(db, relation);
      if (duplicates > 0) throw new UsageError(`${role}: patient_gaps repeats ${duplicates} (episode_id, rule_id) keys; not a sound caregap run`);
    }
    await buildRunDiff(db, previousGaps, currentGaps);

    const matched = await db.one<{ rows: number; matched: number }>(
      `select count(*)::integer as rows, count(*) filter (where change not in ('new_episode', 'no_longer_present'))::integer as matched from run_diff`,
    );
    const rows = matched?.rows ?? 0;
    if (rows > 0 && (matched?.matched ?? 0) === 0) {
      comparison.warnings.push('no (episode, rule) is in both runs: are these runs of the same population (and the same pseudonymisation key)?');
    }
    // Rules in the current run's order (A, B, C), then any rule only the previous run had.
    const ruleOrder = [...(current.manifest.rules ?? []), ...(previous.manifest.rules ?? [])].map((rule) => rule.id);
    const rules = (await db.all<{ rule_id: string }>(`select distinct rule_id from run_diff order by rule_id`))
      .map((row) => row.rule_id)
      .sort((left, right) => rank(ruleOrder, left) - rank(ruleOrder, right));
    const sites = (await db.all<{ site: string | null }>(`select distinct site from run_diff order by site asc nulls last`)).map((row) => row.site);
    const byRule = await db.all<DiffCount>(`select rule_id as "group", change, count(*)::integer as count from run_diff group by all`);
    const bySite = await db.all<DiffCount>(`select site as "group", change, count(*)::integer as count from run_diff group by all`);
    const counts = suppressDiffCounts(rules, sites, byRule, bySite, minCell);
    const markdown = renderDiffMarkdown({
      previous: { label: options.previous, asOf: stringOr(previous.manifest.parameters?.asOf) },
      current: { label: options.current, asOf: stringOr(current.manifest.parameters?.asOf) },
      comparison,
      rules,
      sites,
      counts,
      minCell,
    });

    await writeAtomically(outDir, async (dir) => {
      await db.run(
        `copy (select ${diffColumns.join(', ')} from run_diff order by person_id, episode_id, rule_id)
          to ${quotedString(join(dir, 'diff.csv'))} (header)`,
      );
      writeFileSync(join(dir, 'diff.md'), markdown);
      const manifest = {
        software: { name: 'caregap', version: caregapVersion() },
        command: 'diff',
        previous: { folder: options.previous, as_of: stringOr(previous.manifest.parameters?.asOf) },
        current: { folder: options.current, as_of: stringOr(current.manifest.parameters?.asOf) },
        min_cell: minCell,
        warnings: comparison.warnings,
        notes: comparison.notes,
      };
      writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    });
    return { outDir, rows, warnings: comparison.warnings };
  });
}

function rank(order: readonly string[], id: string): number {
  const index = order.indexOf(id);
  return index < 0 ? order.length : index;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
}

function stringOr(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
