import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

const temp = makeTempDir();
afterAll(() => temp.cleanup());
const root = realpathSync(temp.dir);

// One person with a vertebral fracture (one episode), no patients.csv (so no birth date: one
// data-quality warning), and one row with an impossible date (one rejected row).
const input = join(root, 'one-episode-one-reject');
writeFiles(input, {
  'events.csv': 'person_id,event_date,code_system,code\np1,2021-01-05,ICD10CM,M80.08XA\np2,2021-02-30,ICD10CM,M81.0\n',
});

describe('the closing summary line', () => {
  it('is printed on stderr when stderr is not a terminal (CI, cron), with counts and no patient data', () => {
    const out = join(root, 'out');
    const result = runCli(['run', '--input', input, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`caregap: 1 episode, 1 row rejected (see rejects.csv), 1 warning (see manifest.json); reports in ${out}\n`);
    expect(result.stderr).not.toMatch(/p1|p2|2021/);
  });

  it('is silenced by --quiet', () => {
    const result = runCli(['run', '--input', input, '--out', join(root, 'out-quiet'), '--quiet']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});
