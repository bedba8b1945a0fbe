import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { withDb } from '../../pipeline/db.js';
import { quotedString } from '../../pipeline/sql.js';
import { writeFiles } from '../helpers/tempDir.js';

/** One hand-made patient_gaps row: only what diff reads matters; the rest is filled in. */
export interface FixtureGap {
  episode: string;
  rule: 'untreated-12m' | 'calcium-vitamin-d' | 'early-augmentation';
  status: string;
  reason: string;
  site?: string;
}

/** Manifest fields a fixture run may vary. */
export interface FixtureManifest {
  asOf?: string;
  minAge?: number;
  valueSetHash?: string;
  ruleVersion?: string;
  pseudonymized?: boolean;
  keyFingerprint?: string | null;
  softwareName?: string;
}

const header = 'person_id,episode_id,index_date,fracture_level,age_at_index,sex,site,payer,rule_id,status,reason,evidence_date,evidence_code,days_to_event,due_date';

/**
 * Writes a fake run output folder: manifest.json as caregap writes it (the fields diff reads) and
 * patient_gaps.csv, or patient_gaps.parquet only (converted by DuckDB) when `parquet` is set.
 */
export async function writeRunFolder(dir: string, gaps: FixtureGap[], manifest: FixtureManifest = {}, parquet = false): Promise<void> {
  const lines = gaps.map((gap) => {
    const [person, index] = gap.episode.split(':');
    return [person, gap.episode, index, 'unspecified', '70', 'F', gap.site ?? '', '', gap.rule, gap.status, gap.reason, '', '', '', ''].join(',');
  });
  const manifestJson = {
    software: { name: manifest.softwareName ?? 'caregap', version: '0.1.0' },
    value_sets: { version: '2026.11', sha256: manifest.valueSetHash ?? 'a'.repeat(64) },
    parameters: { asOf: manifest.asOf ?? '2025-12-31', minAge: manifest.minAge ?? 50, minCell: 11, pseudonymized: manifest.pseudonymized ?? false },
    pseudonym_key_fingerprint: manifest.keyFingerprint ?? null,
    rules: [
      { id: 'untreated-12m', version: manifest.ruleVersion ?? '1.0.0', title: 'A' },
      { id: 'calcium-vitamin-d', version: '1.0.0', title: 'B' },
      { id: 'early-augmentation', version: '1.0.0', title: 'C' },
    ],
  };
  writeFiles(dir, { 'manifest.json': JSON.stringify(manifestJson, null, 2), 'patient_gaps.csv': `${[header, ...lines].join('\n')}\n` });
  if (!parquet) return;
  const csv = join(dir, 'patient_gaps.csv');
  await withDb({ threads: 1 }, (db) =>
    db.run(`copy (select * from read_csv(${quotedString(csv)}, header = true, types = {'index_date': 'DATE', 'age_at_index': 'INTEGER'}))
      to ${quotedString(join(dir, 'patient_gaps.parquet'))} (format parquet)`),
  );
  rmSync(csv);
}
