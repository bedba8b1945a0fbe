import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { withDb, type Db } from '../../pipeline/db.js';
import { loadInputs, type LoadResult } from '../../pipeline/loaders/loadInputs.js';
import { buildRelevantCodes, keepAllCodes } from '../../pipeline/loaders/relevantCodes.js';
import { defaultRuleParams } from '../../pipeline/params.js';
import { loadValueSets } from '../../pipeline/rules/loadValueSets.js';
import { createRunParams } from '../../pipeline/rules/createRunParams.js';
import { materialiseStage } from '../../pipeline/rules/materialiseStage.js';
import { loadRulePack } from '../../pipeline/rules/rulePack.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

// The claims loaders store for tagging only the events whose code can match a value set
// (pipeline/loaders/relevantCodes.ts). These fixtures put codes just inside and just outside the
// shipped value sets' prefixes, LIKE patterns with `_` and `%`, the ICD-9-CM diagnosis/procedure
// ambiguity, dashed NDCs, and a user --valuesets folder that adds codes, and check that tagging
// gives exactly what it gives over every event.

const eligibility = `person_id,gender,birth_date,enrollment_start_date,enrollment_end_date
P1,F,1940-02-01,2010-01-01,
P2,M,1950-03-01,2010-01-01,
`;

const medicalHeader =
  'claim_id,claim_line_number,claim_type,person_id,claim_start_date,claim_end_date,diagnosis_code_type,' +
  'diagnosis_code_1,diagnosis_code_2,diagnosis_code_3,procedure_code_type,procedure_code_1,procedure_date_1,hcpcs_code,service_unit_quantity';
const medicalRows = [
  // S32.010A inside pattern S320___, S31.000A just outside it, K25.9 inside K25%; J0897 exact HCPCS.
  'C1,1,professional,P1,2023-03-01,2023-03-01,ICD-10-CM,S32.010A,S31.000A,K25.9,,,,J0897,2',
  // Lower case with a dot normalises into K25%; M48.50XA inside M4850X_; M4 is shorter than any prefix; J0898 one past J0897.
  'C2,1,professional,P1,2023-04-01,2023-04-01,ICD-10-CM,k25.9,M48.50XA,M4,,,,J0898,1',
  // ICD-9 (blank type before 2015-10-01): diagnosis 805.2 and procedure 80.52 both normalise to 8052.
  'C3,1,institutional,P2,2014-05-01,2014-05-03,,805.2,733.13,,ICD-9-PCS,80.52,2014-05-02,22510,',
  // Codes only the user folder's value sets match (R52 exact, T14.8 under pattern T1_%).
  'C4,1,professional,P2,2023-06-01,2023-06-01,ICD-10-CM,R52,T14.8,Q99.9,,,,,',
  // Dated before P1's birth: the whole line is rejected, its relevant M80.08XA with it.
  'C5,1,professional,P1,1930-01-01,1930-01-01,ICD-10-CM,M80.08XA,,,,,,,',
  // An impossible end date: rejected by validation.
  'C6,1,professional,P2,2023-07-01,2023-02-30,ICD-10-CM,M81.0,,,,,,,',
  // The same claim line again: a duplicate.
  'C1,1,professional,P1,2023-03-01,2023-03-01,ICD-10-CM,M81.0,,,,,,,',
  // Slots that normalise to nothing (' . ', '-') are no events; 's32 010a' is S32010A, inside S320___.
  'C7,1,professional,P2,2023-08-01,2023-08-01,ICD-10-CM, . ,s32 010a,-,,,,,',
];

const pharmacy = `claim_id,claim_line_number,person_id,dispensing_date,ndc_code,quantity,days_supply
R1,1,P1,2023-03-05,00093-5171-44,30,30
R2,1,P1,2023-04-05,0093-5171-44,30,30
R3,1,P2,2023-05-05,00093517145,30,30
R4,1,P2,2023-05-06,12345678901,30,30
`;

// A user folder adding rows to shipped value sets: an exact ICD-10 code, a pattern with a two-letter
// prefix (which shortens the ICD-10 key every code is tested on), and an NDC.
const userValueSets = `value_set,code_system,code,display,ingredient,cover_days,strength,strength_unit
palliative_care,ICD10CM,R52,pain (test),,,,
palliative_care,ICD10CM,T1_%,injury (test),,,,
osteoporosis_therapy,NDC,12345-6789-01,test drug,alendronate,30,70,mg
`;

let inputDir: string;
let userDir: string;
let cleanup: () => void;
/** Shipped value sets / plus the user folder, each loaded with the filter and over every event. */
const runs: Record<'shipped' | 'shippedAll' | 'shippedProbe' | 'user' | 'userAll' | 'userProbe', Loaded> = {} as never;

beforeAll(async () => {
  const temp = makeTempDir();
  cleanup = temp.cleanup;
  inputDir = join(temp.dir, 'claims');
  userDir = join(temp.dir, 'user-valuesets');
  writeFiles(inputDir, {
    'eligibility.csv': eligibility,
    'medical_claim.csv': `${[medicalHeader, ...medicalRows].join('\n')}\n`,
    'pharmacy_claim.csv': pharmacy,
  });
  writeFiles(userDir, { 'extra.csv': userValueSets });
  runs.shipped = await loadAndTag([], true);
  runs.shippedAll = await loadAndTag([], false);
  runs.user = await loadAndTag([userDir], true);
  runs.userAll = await loadAndTag([userDir], false);
  // The same filter with the keys probed in relevant_code_key (long key lists) instead of constant lists.
  runs.shippedProbe = await loadAndTag([], true, 0);
  runs.userProbe = await loadAndTag([userDir], true, 0);
});
afterAll(() => cleanup());

interface Loaded {
  load: LoadResult;
  taggingCodes: string[];
  tagged: Record<string, unknown>[];
  clinicalEvents: number;
  rejects: { file: string; line: number; reason: string }[];
}

/** Loads the fixture (value sets first, then claims), with or without the filter, and runs tagging. */
async function loadAndTag(valueSetDirs: string[], filtered: boolean, constantListChars?: number): Promise<Loaded> {
  return withDb({ threads: 1 }, async (db: Db) => {
    const valueSets = await loadValueSets(db, valueSetDirs);
    const relevant = filtered ? await buildRelevantCodes(db, { constantListChars }) : keepAllCodes;
    const load = await loadInputs(db, { inputDir, relevant });
    await createRunParams(db, defaultRuleParams, '2024-12-31', valueSets);
    const tagging = loadRulePack().shared.find((stage) => stage.id === 'tagging');
    if (tagging === undefined) throw new Error('no tagging stage');
    await materialiseStage(db, tagging);
    const codes = await db.all<{ code: string }>('select code from tagging_event order by code');
    const ids = await db.one<{ n: number; distinct_ids: number }>(
      'select count(*)::integer as n, count(distinct event_id)::integer as distinct_ids from tagging_event',
    );
    expect(ids?.distinct_ids).toBe(ids?.n);
    const tagged = await db.all(
      `select event_id, value_set, person_id, event_date, domain, code_system, code, setting, units, days_supply, quantity
       from tagged_event order by event_id, value_set`,
    );
    const counted = await db.one<{ n: number }>('select count(*)::integer as n from clinical_event');
    const rejects = await db.all<{ file: string; line: number; reason: string }>(
      `select file, line::integer as line, reason from load_reject order by file, line`,
    );
    return { load, taggingCodes: codes.map((row) => row.code), tagged, clinicalEvents: counted?.n ?? -1, rejects };
  });
}

describe('value-set prefix filter on claims events', () => {
  it('keeps_every_event_a_shipped_value_set_can_match_and_tags_as_over_all_events', () => {
    const filtered = runs.shipped;
    const everything = runs.shippedAll;
    expect(filtered.tagged).toEqual(everything.tagged);
    expect(filtered.tagged.length).toBeGreaterThan(0);
    // Kept: inside a pattern or exact, after normalisation (dots, case, dashed and 4-4-2 NDCs);
    // both ICD-9 8052 events (the domain is for tagging to judge, not the filter).
    expect(filtered.taggingCodes).toEqual(
      ['00093517144', '00093517144', '22510', '73313', '8052', '8052', 'J0897', 'K259', 'K259', 'M4850XA', 'S32010A', 'S32010A'].sort(),
    );
    // Every valid event is still a clinical event; only the relevant ones went to tagging.
    expect(everything.taggingCodes).toHaveLength(20);
    expect(filtered.clinicalEvents).toBe(20);
    for (const dropped of ['S31000A', 'M4', 'J0898', 'R52', 'T148', 'Q999', '00093517145', '12345678901']) {
      expect(filtered.taggingCodes, dropped).not.toContain(dropped);
      expect(everything.taggingCodes, dropped).toContain(dropped);
    }
  });

  it('keeps_the_same_events_whether_the_keys_are_constant_lists_or_probed_in_a_table', () => {
    for (const [lists, probed] of [[runs.shipped, runs.shippedProbe], [runs.user, runs.userProbe]] as const) {
      expect(probed.taggingCodes).toEqual(lists.taggingCodes);
      expect(probed.tagged).toEqual(lists.tagged);
    }
    expect(runs.userProbe.taggingCodes).toContain('12345678901');
  });

  it('a_user_value_set_widens_the_filter', () => {
    const filtered = runs.user;
    const everything = runs.userAll;
    expect(filtered.tagged).toEqual(everything.tagged);
    for (const added of ['R52', 'T148', '12345678901']) expect(filtered.taggingCodes, added).toContain(added);
    // The two-letter prefix T1 shortens the ICD-10 key: S31000A still starts no key (S3 is not T1);
    // Q999 neither.
    expect(filtered.taggingCodes).not.toContain('Q999');
    const tagged = filtered.tagged.filter((row) => row.value_set === 'palliative_care').map((row) => row.code);
    expect(tagged.sort()).toEqual(['R52', 'T148']);
  });

  it('ledger_adds_up_with_rejects_and_the_events_before_birth', () => {
    const { load, rejects, clinicalEvents } = runs.shipped;
    const byRole = Object.fromEntries(load.files.map((file) => [file.role, file]));
    for (const file of load.files) expect(file.rowsLoaded + file.rowsRejected, file.file).toBe(file.rowsRead);
    expect(byRole.medical_claim).toMatchObject({ rowsRead: 8, rowsLoaded: 5, rowsRejected: 3 });
    expect(byRole.pharmacy_claim).toMatchObject({ rowsRead: 4, rowsLoaded: 4, rowsRejected: 0 });
    expect(rejects.filter((row) => row.file === 'medical_claim.csv')).toEqual([
      { file: 'medical_claim.csv', line: 6, reason: "dated before the person's birth date" },
      { file: 'medical_claim.csv', line: 7, reason: 'impossible date' },
      { file: 'medical_claim.csv', line: 8, reason: 'duplicate claim line' },
    ]);
    // C1 4 events, C2 4, C3 4 (two diagnoses, one ICD-9 procedure, CPT), C4 3, C7 1, pharmacy 4.
    expect(load.tableRows.clinical_event).toBe(20);
    expect(clinicalEvents).toBe(20);
    expect(load.tableRows.person).toBe(2);
    expect(load.dataQuality).toMatchObject({ ndc_10_digit_unpadded: 0, ndc_malformed: 0, events_after_death: 0 });
  });
});
