import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withDb } from '../pipeline/db.js';
import { quotedString } from '../pipeline/sql.js';
import { generatePopulation } from '../sample-data/generator/generatePopulation.js';
import type { InputKind } from './benchOptions.js';
import { ENRICHED_SHARE, shareSuffix } from './episodeShare.js';
import { fhirPopulationDir } from './fhirBenchData.js';
import { truthOf } from './truthCheck.js';

/** The claims data files a benchmark population consists of (the generator's names). */
export const claimsStems = ['medical_claim', 'pharmacy_claim', 'eligibility'] as const;

/**
 * Folder of one benchmark population in one file type: `claims-<persons>[-share<share>]/<kind>`
 * (the enriched default share keeps the name it had before shares existed). FHIR: the generator's
 * default share only.
 */
export function populationDir(dataDir: string, persons: number, kind: InputKind, share = ENRICHED_SHARE): string {
  if (kind === 'fhir') return fhirPopulationDir(dataDir, persons);
  return join(dataDir, `claims-${persons}${shareSuffix(share)}`, kind);
}

function generatedFor(dir: string, persons: number, seed: number, share: number): boolean {
  const file = join(dir, 'generation.json');
  if (!existsSync(file)) return false;
  const json = JSON.parse(readFileSync(file, 'utf8')) as { persons?: number; seed?: number; format?: string; gzip?: boolean; episode_share?: number };
  // Populations generated before --episode-share existed have no episode_share: the enriched default.
  const generatedShare = json.episode_share ?? ENRICHED_SHARE;
  return json.persons === persons && json.seed === seed && json.format === 'claims' && json.gzip === false && generatedShare === share;
}

/**
 * Makes sure a claims population of `persons`, `share` of them with a fracture episode, exists as
 * CSV (from `generatePopulation`) and as Parquet (one file per CSV, converted with DuckDB COPY, same
 * stem). Reuses what an earlier bench wrote for the same size, seed and share. Generation is not
 * part of any measured run.
 */
export async function preparePopulation(
  dataDir: string,
  persons: number,
  seed: number,
  log: (line: string) => void,
  share = ENRICHED_SHARE,
): Promise<void> {
  if (persons > REPLICATION_BASE) return replicatePopulation(dataDir, persons, seed, log, share);
  const csvDir = populationDir(dataDir, persons, 'csv', share);
  const parquetDir = populationDir(dataDir, persons, 'parquet', share);
  if (!generatedFor(csvDir, persons, seed, share)) {
    rmSync(csvDir, { recursive: true, force: true });
    log(`bench: generating ${persons.toLocaleString('en-US')} persons, ${share} with an episode (claims CSV) in ${csvDir}`);
    const result = await generatePopulation({ persons, seed, format: 'claims', out: csvDir, memoryLimit: '4GB', episodeShare: share });
    log(`bench: generated in ${(result.elapsedMs / 1000).toFixed(1)} s`);
    rmSync(parquetDir, { recursive: true, force: true });
  }
  if (generatedFor(parquetDir, persons, seed, share)) return;
  mkdirSync(join(parquetDir, 'valuesets'), { recursive: true });
  log(`bench: converting to Parquet in ${parquetDir}`);
  await withDb({ memoryLimit: '4GB' }, async (db) => {
    for (const stem of claimsStems) {
      const csv = join(csvDir, `${stem}.csv`);
      // Every column stays text, as the CSV reader sees it: codes keep their leading zeros.
      await db.run(
        `copy (select * from read_csv(${quotedString(csv)}, header = true, all_varchar = true))
         to ${quotedString(join(parquetDir, `${stem}.parquet`))} (format parquet, compression zstd)`,
      );
    }
  });
  for (const name of readdirSync(join(csvDir, 'valuesets'))) {
    copyFileSync(join(csvDir, 'valuesets', name), join(parquetDir, 'valuesets', name));
  }
  // Written last: its presence says the conversion finished.
  copyFileSync(join(csvDir, 'generation.json'), join(parquetDir, 'generation.json'));
}

/** Largest population generated directly; larger ones are copies of it (see replicatePopulation). */
export const REPLICATION_BASE = 1_000_000;

/**
 * A population larger than 1M persons, as Parquet only: the 1M population repeated k times, copy i
 * with person, patient and claim ids prefixed `r<i>_`, so every copy is a distinct set of persons
 * with the same clinical histories. Generating 10M persons directly takes far longer than the run
 * being measured; the run's cost does not depend on histories being unique.
 */
async function replicatePopulation(dataDir: string, persons: number, seed: number, log: (line: string) => void, share: number): Promise<void> {
  if (persons % REPLICATION_BASE !== 0) throw new Error(`bench: sizes above 1M must be whole millions, not ${persons}`);
  const copies = persons / REPLICATION_BASE;
  const parquetDir = populationDir(dataDir, persons, 'parquet', share);
  if (generatedFor(parquetDir, persons, seed, share)) return;
  await preparePopulation(dataDir, REPLICATION_BASE, seed, log, share);
  const baseDir = populationDir(dataDir, REPLICATION_BASE, 'parquet', share);
  rmSync(parquetDir, { recursive: true, force: true });
  mkdirSync(join(parquetDir, 'valuesets'), { recursive: true });
  log(`bench: replicating the 1M population ${copies}x into ${parquetDir}`);
  await withDb({ memoryLimit: '4GB', tempDirectory: join(dataDir, 'spill') }, async (db) => {
    // Row order does not matter here, and keeping it makes DuckDB buffer (and spill) the whole union.
    await db.run('set preserve_insertion_order = false');
    for (const stem of claimsStems) {
      const source = join(baseDir, `${stem}.parquet`);
      const columns = (await db.columns(`(select * from read_parquet(${quotedString(source)}))`)).map((name) => name.toLowerCase());
      const prefixed = ['person_id', 'patient_id', 'claim_id'].filter((name) => columns.includes(name));
      // A union of streaming scans: a cross join with range() would materialise the whole file.
      const copiesSql = Array.from({ length: copies }, (_, copy) => {
        const replace = prefixed.map((name) => `'r${copy}_' || ${name} as ${name}`).join(', ');
        return `select * replace (${replace}) from read_parquet(${quotedString(source)})`;
      });
      await db.run(
        `copy (${copiesSql.join(' union all ')})
         to ${quotedString(join(parquetDir, `${stem}.parquet`))} (format parquet, compression zstd)`,
      );
    }
  });
  for (const name of readdirSync(join(baseDir, 'valuesets'))) {
    copyFileSync(join(baseDir, 'valuesets', name), join(parquetDir, 'valuesets', name));
  }
  writeFileSync(join(parquetDir, 'generation.json'), replicatedGeneration(baseDir, persons, copies));
}

/** generation.json of a replicated population: the base's, with every truth count times `copies`. */
export function replicatedGeneration(baseDir: string, persons: number, copies: number): string {
  const generation = JSON.parse(readFileSync(join(baseDir, 'generation.json'), 'utf8')) as Record<string, unknown>;
  const truth = (truthOf(baseDir) ?? []).map((row) => ({ ...row, count: row.count * copies }));
  return `${JSON.stringify({ ...generation, persons, counts: { truth }, replicated_from: REPLICATION_BASE, copies }, null, 2)}\n`;
}
