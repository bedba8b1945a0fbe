import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDb } from '../../pipeline/db.js';
import { quotedString } from '../../pipeline/sql.js';
import { generatePopulation, type GenerationResult } from '../../sample-data/generator/generatePopulation.js';

const persons = 6000;
const root = mkdtempSync(join(tmpdir(), 'caregap-generator-test-'));
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const csv = (path: string): string => `read_csv(${quotedString(path)}, all_varchar = true, header = true)`;

let events: GenerationResult;
let claims: GenerationResult;

beforeAll(async () => {
  events = await generatePopulation({ persons, seed: 11, format: 'events', out: join(root, 'events'), threads: 2 });
  claims = await generatePopulation({ persons, seed: 11, format: 'claims', out: join(root, 'claims'), threads: 2 });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('generatePopulation', () => {
  it('is deterministic for a seed, byte for byte', async () => {
    const again = await generatePopulation({ persons, seed: 11, format: 'events', out: join(root, 'events-again'), threads: 2 });
    for (const file of again.files) expect(sha(join(again.outDir, file.file)), file.file).toBe(sha(join(events.outDir, file.file)));
  });

  it('gives different data for a different seed', async () => {
    const other = await generatePopulation({ persons, seed: 12, format: 'events', out: join(root, 'events-seed12'), threads: 2 });
    expect(sha(join(other.outDir, 'events.csv'))).not.toBe(sha(join(events.outDir, 'events.csv')));
    expect(sha(join(other.outDir, 'truth.csv'))).not.toBe(sha(join(events.outDir, 'truth.csv')));
  });

  it('counts rows as written and records them in generation.json', async () => {
    const json = JSON.parse(readFileSync(join(events.outDir, 'generation.json'), 'utf8'));
    expect(json).toMatchObject({ seed: 11, persons, format: 'events', as_of: '2025-12-31' });
    await withDb({ threads: 2 }, async (db) => {
      for (const file of [...events.files, ...claims.files]) {
        const dir = events.files.includes(file) ? events.outDir : claims.outDir;
        const row = await db.one<{ n: string }>(`select count(*) as n from ${csv(join(dir, file.file))}`);
        expect(Number(row?.n), file.file).toBe(file.rows);
      }
      const patients = await db.one<{ n: string }>(`select count(distinct person_id) as n from ${csv(join(events.outDir, 'patients.csv'))}`);
      expect(Number(patients?.n)).toBe(persons);
    });
    expect(events.files.find((file) => file.file === 'events.csv')?.rows).toBeGreaterThan(persons * 20);
    expect(events.episodes).toBe(claims.episodes);
  });

  it('plants every status and reason of every rule, in both formats', () => {
    const expected = {
      'untreated-12m': ['closed/therapy_started', 'closed/therapy_active_at_fracture', 'open/no_therapy', 'prospective/no_therapy'],
      'calcium-vitamin-d': [
        'closed/supplemented', 'open/missing_calcium+missing_vitamin_d', 'open/low_calcium_dose+missing_vitamin_d',
        'open/missing_calcium+low_vitamin_d_dose', 'open/missing_vitamin_d', 'open/missing_calcium', 'open/low_vitamin_d_dose',
        'open/low_calcium_dose', 'prospective/missing_calcium+missing_vitamin_d',
      ],
      'early-augmentation': [
        'not_applicable/no_augmentation', 'closed/after_conservative_care', 'open/before_90_days', 'closed/hospital_admission',
        'closed/parenteral_opioid', 'closed/analgesic_contraindication',
      ],
    };
    for (const result of [events, claims]) {
      const seen = new Set(result.truth.map((row) => `${row.rule_id}:${row.status}/${row.reason}`));
      for (const [rule, outcomes] of Object.entries(expected)) {
        for (const outcome of outcomes) expect(seen.has(`${rule}:${outcome}`), `${result.options.format} ${rule} ${outcome}`).toBe(true);
        for (const reason of ['unknown_age', 'age_under_min', 'malignancy']) expect(seen.has(`${rule}:excluded/${reason}`), `${rule} ${reason}`).toBe(true);
      }
      for (const rule of ['untreated-12m', 'calcium-vitamin-d']) {
        for (const reason of ['died', 'not_enrolled']) expect(seen.has(`${rule}:excluded/${reason}`), `${rule} ${reason}`).toBe(true);
      }
    }
  });

  it('treats about a quarter of episodes within 12 months', () => {
    const a = events.truth.filter((row) => row.rule_id === 'untreated-12m' && row.status !== 'excluded');
    const total = a.reduce((sum, row) => sum + row.count, 0);
    const closed = a.filter((row) => row.status === 'closed').reduce((sum, row) => sum + row.count, 0);
    expect(closed / total).toBeGreaterThan(0.18);
    expect(closed / total).toBeLessThan(0.35);
  });

  it('uses only labeler-99999 NDCs, all listed in the synthetic value set or background', async () => {
    await withDb({ threads: 2 }, async (db) => {
      const eventsNdc = await db.all<{ code: string }>(
        `select distinct replace(code, '-', '') as code from ${csv(join(events.outDir, 'events.csv'))} where code_system = 'NDC'`,
      );
      const claimsNdc = await db.all<{ code: string }>(`select distinct replace(ndc_code, '-', '') as code from ${csv(join(claims.outDir, 'pharmacy_claim.csv'))}`);
      for (const { code } of [...eventsNdc, ...claimsNdc]) expect(code).toMatch(/^99999\d{5,6}$/);
      const valueSet = await db.all<{ code: string; value_set: string }>(`select code, value_set from ${csv(join(events.outDir, 'valuesets', 'synthetic_ndc.csv'))}`);
      expect(valueSet.every((row) => row.code.startsWith('99999') && row.code.length === 11)).toBe(true);
      expect(new Set(valueSet.map((row) => row.value_set))).toEqual(new Set(['osteoporosis_therapy', 'calcium_supplement', 'vitamin_d_supplement']));
    });
  });

  it('dates nothing after as_of and puts an event on as_of', async () => {
    await withDb({ threads: 2 }, async (db) => {
      const ev = await db.one<{ last: string; end_last: string; death_last: string; cov_last: string }>(`select
        (select max(event_date) from ${csv(join(events.outDir, 'events.csv'))}) as last,
        (select max(end_date) from ${csv(join(events.outDir, 'events.csv'))}) as end_last,
        (select max(death_date) from ${csv(join(events.outDir, 'patients.csv'))}) as death_last,
        (select max(end_date) from ${csv(join(events.outDir, 'coverage.csv'))}) as cov_last`);
      expect(ev?.last).toBe('2025-12-31');
      for (const date of [ev?.end_last, ev?.death_last, ev?.cov_last]) expect(date! <= '2025-12-31').toBe(true);
      const cl = await db.one<{ last: string; rx: string; enr: string }>(`select
        (select max(greatest(claim_start_date, claim_end_date, coalesce(discharge_date, claim_start_date), coalesce(procedure_date_1, claim_start_date)))
           from ${csv(join(claims.outDir, 'medical_claim.csv'))}) as last,
        (select max(dispensing_date) from ${csv(join(claims.outDir, 'pharmacy_claim.csv'))}) as rx,
        (select max(enrollment_end_date) from ${csv(join(claims.outDir, 'eligibility.csv'))}) as enr`);
      expect(cl?.last).toBe('2025-12-31');
      expect(cl!.rx <= '2025-12-31' && cl!.enr <= '2025-12-31').toBe(true);
    });
  });

  it('honours --as-of', async () => {
    const early = await generatePopulation({ persons: 500, seed: 3, format: 'claims', asOf: '2022-06-30', out: join(root, 'asof'), threads: 2 });
    await withDb({ threads: 2 }, async (db) => {
      const row = await db.one<{ last: string }>(`select max(claim_start_date) as last from ${csv(join(early.outDir, 'medical_claim.csv'))}`);
      expect(row?.last).toBe('2022-06-30');
      const idx = await db.one<{ last: string }>(`select max(split_part(episode_id, ':', 2)) as last from ${csv(join(early.outDir, 'truth.csv'))}`);
      expect(idx!.last <= '2022-06-30').toBe(true);
    });
  });

  it('agrees with its own age categories: completed years at the index date', async () => {
    await withDb({ threads: 2 }, async (db) => {
      const rows = await db.all<{ reason: string; age: number | null }>(`
        with truth as (select * from ${csv(join(events.outDir, 'truth.csv'))} where rule_id = 'untreated-12m'),
        p as (select person_id, birth_date::date as birth_date from ${csv(join(events.outDir, 'patients.csv'))})
        select truth.reason, date_part('year', age(split_part(episode_id, ':', 2)::date, p.birth_date))::integer as age
        from truth join p on p.person_id = split_part(episode_id, ':', 1)`);
      for (const row of rows) {
        if (row.reason === 'unknown_age') expect(row.age).toBeNull();
        else if (row.reason === 'age_under_min') expect(row.age).toBeLessThan(50);
        else expect(row.age).toBeGreaterThanOrEqual(50);
      }
    });
  });

  it('plants every course outcome of docs/rules.md §8 in truth_episodes.csv', async () => {
    await withDb({ threads: 2 }, async (db) => {
      const seen = async (column: string): Promise<string[]> =>
        (await db.all<{ v: string }>(`select distinct coalesce(${column}, '') as v from ${csv(join(events.outDir, 'truth_episodes.csv'))} order by v`)).map((row) => row.v);
      expect(await seen('course_status')).toEqual(['', 'censored', 'complete', 'no_follow_up', 'not_started']);
      expect(await seen('censor_reason')).toEqual(['', 'as_of', 'died', 'disenrolled']);
      for (const column of ['new_user', 'adherent', 'discontinued', 'switched']) expect(await seen(column), column).toEqual(['', 'false', 'true']);
      const rows = await db.one<{ n: string }>(`select count(*) as n from ${csv(join(events.outDir, 'truth_episodes.csv'))}`);
      expect(Number(rows?.n)).toBe(events.episodes);
    });
  });

  it('rejects invalid options', async () => {
    await expect(generatePopulation({ persons: 0, seed: 1, format: 'events', out: join(root, 'bad') })).rejects.toThrow();
    await expect(generatePopulation({ persons: 5, seed: 1, format: 'events', asOf: '2025-02-30', out: join(root, 'bad') })).rejects.toThrow();
    await expect(generatePopulation({ persons: 5, seed: 1, format: 'events', episodeShare: 1.01, out: join(root, 'bad') })).rejects.toThrow();
  });
});
