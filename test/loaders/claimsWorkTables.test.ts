import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { withDb } from '../../pipeline/db.js';
import { loadInputs, type LoadResult } from '../../pipeline/loaders/loadInputs.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

// A run loads claims with claimsEventView false: each file's working copies (a CSV file's text copy
// holds every column of every row) are dropped as soon as the file is loaded, so a large load does
// not spill. The ledger, the canonical counts and the events tagging reads must not change.

const files = {
  'eligibility.csv': 'person_id,gender,birth_date,death_date,enrollment_start_date\nP1,F,1940-02-01,,2010-01-01\nP2,M,1950-03-01,2023-03-15,2010-01-01\n',
  'medical_claim.csv':
    'claim_id,claim_line_number,claim_type,person_id,claim_start_date,diagnosis_code_type,diagnosis_code_1,diagnosis_code_2,' +
    'procedure_code_type,procedure_code_1,procedure_date_1,diagnosis_code_3,diagnosis_code_4,diagnosis_code_5\n' +
    'C1,1,professional,P1,2023-03-01,icd-10-cm,M80.08XA,Z87.891,,,,,,\n' +
    'C2,1,professional,P2,2023-04-01,icd-10-cm,S32.010A,,,,,,,\n' +
    'C3,1,professional,P2,2023-02-30,icd-10-cm,S32.010A,,,,,,,\n' +
    'C4,1,professional,P1,1930-01-01,icd-10-cm,M81.0,,,,,,,\n' +
    'C5,1,institutional,P2,2023-03-10,icd-10-cm,M81.0,,icd-10-pcs,0QS734Z,2023-05-01,,,\n' +
    'C6,1,professional,P3,2023-06-01,icd-10-cm,M81.0,,,,,,,\n' +
    // Valid, though not a plain date (time part): past the checks' fast path, still loaded.
    'C7,1,professional,P1,2023-07-01T08:30,icd-10-cm,M81.0,,,,,,,\n' +
    // Five slots, two of which normalise to nothing: three events; S32.010A in slot 4 is relevant.
    'C8,1,professional,P1,2023-08-01,icd-10-cm,M81.0, . ,,,,Z87.891,S32.010A,-\n',
  'pharmacy_claim.csv': 'claim_id,claim_line_number,person_id,dispensing_date,ndc_code,quantity,days_supply\nR1,1,P1,2023-03-05,00093-5171-44,30,30\n',
};

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  const temp = makeTempDir();
  cleanup = temp.cleanup;
  dir = join(temp.dir, 'claims');
  writeFiles(dir, files);
});
afterAll(() => cleanup());

async function load(claimsEventView: boolean): Promise<{ load: LoadResult; work: string[]; lineTables: string[]; tagging: unknown[]; rejects: unknown[]; events: number }> {
  return withDb({ threads: 1 }, async (db) => {
    const result = await loadInputs(db, { inputDir: dir, claimsEventView });
    const work = await db.all<{ name: string }>(
      `select table_name as name from information_schema.tables
       where regexp_matches(table_name, '^(raw|src|stage|csvrej)_[0-9]+') or table_name = 'clinical_event' order by 1`,
    );
    const lineTables = await db.all<{ name: string }>(
      `select table_name as name from information_schema.tables where table_name like 'event_line_%' order by 1`,
    );
    const tagging = await db.all('select * exclude (event_id) from tagging_event order by source_file, source_line, code');
    const rejects = await db.all('select * from load_reject order by file, line');
    const events = claimsEventView ? (await db.one<{ n: number }>('select count(*)::integer as n from clinical_event'))?.n ?? -1 : -1;
    return { load: result, work: work.map((row) => row.name), lineTables: lineTables.map((row) => row.name), tagging, rejects, events };
  });
}

describe('claims work tables released after each file', () => {
  it('drops_every_working_copy_and_keeps_ledger_counts_and_tagging_events', async () => {
    const kept = await load(true);
    const released = await load(false);
    expect(kept.work).toContain('raw_1');
    expect(kept.work).toContain('clinical_event');
    expect(released.work).toEqual([]);
    // The medical line table (the largest) goes too once the load is counted; the pharmacy one
    // stays for the drug-code counts. With the event view kept, both stay under it.
    expect(kept.lineTables).toEqual(['event_line_1', 'event_line_2']);
    expect(released.lineTables).toEqual(['event_line_2']);
    expect(released.load.files).toEqual(kept.load.files);
    expect(released.load.tableRows).toEqual(kept.load.tableRows);
    expect(released.load.dataQuality).toEqual(kept.load.dataQuality);
    expect(released.tagging).toEqual(kept.tagging);
    expect(released.rejects).toEqual(kept.rejects);
    // C3 (impossible date) and C4 (before birth) rejected; C1 two events, C2 one, C5 two, C6 one, C7 one,
    // C8 three, R1 one. The view's own count (an unpivot of every slot) agrees with the line tables'.
    expect(released.load.tableRows.clinical_event).toBe(11);
    expect(kept.events).toBe(11);
    expect(released.tagging.map((row) => (row as { code: string }).code)).toContain('S32010A');
    // P3 has a claim but no eligibility row: a person all the same (unknown attributes).
    expect(released.load.tableRows.person).toBe(3);
    expect(released.rejects).toHaveLength(2);
    // P2 died 2023-03-15: C2's diagnosis (04-01) and C5's procedure (05-01) come after; C5's diagnosis (03-10) does not.
    expect(released.load.dataQuality.events_after_death).toBe(2);
  });
});
