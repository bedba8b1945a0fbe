import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { createCanonicalSchema } from '../../pipeline/loaders/loadInputs.js';
import { definePlainDateMacros } from '../../pipeline/loaders/plainDateMacros.js';

// The date checks' fast path (validate.ts dateCheck) has two forms, one per kind of text
// (plainDateMacros.ts). Either may be in force when a file is validated, so both must be true for
// exactly the same values, and only values the full checks find no problem with.
describe('cg_plain_date and cg_date: the same answers in both forms, never true for a bad date', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open({ threads: 1 });
    await createCanonicalSchema(db, '2026-06-30');
  });
  afterAll(() => db.close());

  const dates = [
    '2022-07-06', '1900-01-01', '1899-12-31', '2026-06-30', '2026-07-01', '9999-12-31', '10000-01-01', '0202-07-06',
    '2022-7-6', ' 2022-07-06', '2022-07-06 ', '2022-07-06T10:00:00Z', '2022-07-06 10:00', '2022-02-30', '2024-02-29',
    '2023-02-29', '20220706', '2022/07/06', '2022-07-06x', '+2022-07-06', '2022-13-01', '2022-00-10', '2022-01-00',
    '２０２２-07-06', '2022-07-0６', '', '  ', null,
  ];
  const values = dates.map((value) => `(${value === null ? 'null' : `'${value}'`})`).join(', ');

  async function answers(shape: 'dictionary' | 'plain'): Promise<Array<Record<string, unknown>>> {
    await definePlainDateMacros(db, shape);
    return db.all(`
      -- True or not: a fast path that is false or null sends the value to the full check alike.
      select raw, coalesce(cg_plain_date(raw), false) as plain, coalesce(cg_plain_date_open(raw), false) as open,
             cg_date_problem(raw) as problem, cg_open_end_date_problem(raw) as open_problem,
             cg_date(raw) as day, try_cast(raw as date) as cast_day,
             -- cg_date without its fast path: the general reading it must always agree with.
             case when regexp_full_match(trim(raw), '\\d{4}-\\d{2}-\\d{2}([T ].*)?')
                  then cg_plausible_date(try_cast(left(trim(raw), 10) as date)) end as general_day
      from (values ${values}) as input(raw)`);
  }

  it('accepts the same values in the dictionary and the plain form', async () => {
    const dictionary = await answers('dictionary');
    const plain = await answers('plain');
    expect(plain.map((row) => [row.raw, row.plain, row.open])).toEqual(dictionary.map((row) => [row.raw, row.plain, row.open]));
    // cg_date reads plain dates through the same macros: the same day (or none) for every value.
    expect(plain.map((row) => [row.raw, row.day])).toEqual(dictionary.map((row) => [row.raw, row.day]));
    expect(plain.find((row) => row.raw === '2022-07-06T10:00:00Z')?.day).toBe('2022-07-06');
    // Both sides are exercised: some values pass, others do not.
    expect(dictionary.filter((row) => row.plain === true).map((row) => row.raw)).toEqual(['2022-07-06', '1900-01-01', '2026-06-30', '2024-02-29']);
    expect(dictionary.find((row) => row.raw === '9999-12-31')?.open).toBe(true);
  });

  it('reads every value as the general date reading does, in both forms', async () => {
    for (const shape of ['dictionary', 'plain'] as const) {
      const rows = await answers(shape);
      expect(rows.map((row) => [shape, row.raw, row.day])).toEqual(rows.map((row) => [shape, row.raw, row.general_day]));
      // Shaped texts that are no real day, or out of range, are read as none.
      expect(rows.filter((row) => row.day === null && typeof row.raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(row.raw)).map((row) => row.raw)).toEqual([
        '1899-12-31', '2026-07-01', '9999-12-31', '0202-07-06', '2022-02-30', '2023-02-29', '2022-13-01', '2022-00-10', '2022-01-00',
      ]);
    }
  });

  it('passes only dates the full checks accept, read as the same day', async () => {
    for (const shape of ['dictionary', 'plain'] as const) {
      for (const row of await answers(shape)) {
        if (row.plain === true) {
          expect([shape, row.raw, row.problem]).toEqual([shape, row.raw, null]);
          expect([shape, row.raw, row.day]).toEqual([shape, row.raw, row.cast_day]);
        }
        if (row.open === true) expect([shape, row.raw, row.open_problem]).toEqual([shape, row.raw, null]);
      }
    }
  });
});
