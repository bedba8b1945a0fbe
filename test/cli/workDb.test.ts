import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withDb } from '../../pipeline/db.js';
import { estimatedWorkingBytes, memoryLimitBytes, resolveWorkDb, skipAutomaticCheckpoints } from '../../pipeline/workDb.js';
import { makeTempDir } from '../helpers/tempDir.js';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

describe('--work-db auto', () => {
  // 1 MB of Parquet counts as 15 MB once loaded, 1 MB of CSV as 1 MB, 1 MB of gzip as 8 MB.
  writeFileSync(join(temp.dir, 'medical_claim.parquet'), Buffer.alloc(1_000_000));
  writeFileSync(join(temp.dir, 'eligibility.csv'), Buffer.alloc(1_000_000));
  writeFileSync(join(temp.dir, 'pharmacy_claim.csv.gz'), Buffer.alloc(1_000_000));
  writeFileSync(join(temp.dir, 'notes.txt'), Buffer.alloc(5_000_000));

  it('estimates the loaded size of the data files only', () => {
    expect(estimatedWorkingBytes(temp.dir)).toBe(24_000_000);
  });

  it('reads DuckDB size settings', () => {
    expect(memoryLimitBytes('2GB')).toBe(2e9);
    expect(memoryLimitBytes('512MiB')).toBe(512 * 2 ** 20);
    expect(memoryLimitBytes('1.5 GB')).toBe(1.5e9);
  });

  it('chooses a database file only when the inputs exceed twice the memory limit', () => {
    expect(resolveWorkDb('auto', temp.dir, '12MB')).toBe('memory'); // 24 MB = 2 x 12 MB: not more
    expect(resolveWorkDb('auto', temp.dir, '11MB')).toBe('disk');
    expect(resolveWorkDb('memory', temp.dir, '1MB')).toBe('memory');
    expect(resolveWorkDb('disk', temp.dir, '4GB')).toBe('disk');
  });

  it('skips automatic checkpoints in memory only: a database file needs them', () => {
    expect(skipAutomaticCheckpoints('memory')).toBe(true);
    expect(skipAutomaticCheckpoints('disk')).toBe(false);
  });

  it('passes the checkpoint threshold to DuckDB, which keeps its own default otherwise', async () => {
    const setting = async (checkpointThreshold?: string): Promise<string | undefined> =>
      withDb({ checkpointThreshold }, async (db) => (await db.one<{ v: string }>(`select current_setting('checkpoint_threshold') as v`))?.v);
    expect(await setting('1TB')).toBe('931.3 GiB');
    expect(await setting()).toBe('16.0 MiB');
  });
});
