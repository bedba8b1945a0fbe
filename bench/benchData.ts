import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { withDb } from '../pipeline/db.js';
import { quotedString } from '../pipeline/sql.js';
import { generatePopulation } from '../sample-data/generator/generatePopulation.js';
import type { InputKind } from './benchOptions.js';

/** The claims data files a benchmark population consists of (the generator's names). */
export const claimsStems = ['medical_claim', 'pharmacy_claim', 'eligibility'] as const;

/** Folder of one benchmark population in one file type. */
export function populationDir(dataDir: string, persons: number, kind: InputKind): string {
  return join(dataDir, `claims-${persons}`, kind);
}

function generatedFor(dir: string, persons: number, seed: number): boolean {
  const file = join(dir, 'generation.json');
  if (!existsSync(file)) return false;
  const json = JSON.parse(readFileSync(file, 'utf8')) as { persons?: number; seed?: number; format?: string; gzip?: boolean };
  return json.persons === persons && json.seed === seed && json.format === 'claims' && json.gzip === false;
}

/**
 * Makes sure a claims population of `persons` exists as CSV (from `generatePopulation`) and as
 * Parquet (one file per CSV, converted with DuckDB COPY, same stem). Reuses what an earlier bench
 * wrote for the same size and seed. Generation is not part of any measured run.
 */
export async function preparePopulation(
  dataDir: string,
  persons: number,
  seed: number,
  log: (line: string) => void,
): Promise<void> {
  const csvDir = populationDir(dataDir, persons, 'csv');
  const parquetDir = populationDir(dataDir, persons, 'parquet');
  if (!generatedFor(csvDir, persons, seed)) {
    rmSync(csvDir, { recursive: true, force: true });
    log(`bench: generating ${persons.toLocaleString('en-US')} persons (claims CSV) in ${csvDir}`);
    const result = await generatePopulation({ persons, seed, format: 'claims', out: csvDir, memoryLimit: '4GB' });
    log(`bench: generated in ${(result.elapsedMs / 1000).toFixed(1)} s`);
    rmSync(parquetDir, { recursive: true, force: true });
  }
  if (generatedFor(parquetDir, persons, seed)) return;
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
