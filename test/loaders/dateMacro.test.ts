import { describe, expect, it } from 'vitest';
import { withDb } from '../../pipeline/db.js';
import { createCanonicalSchema } from '../../pipeline/loaders/loadInputs.js';

// cg_date (pipeline/sql/macros.sql) has a fast path for text that is exactly a printed date. It must
// give, value by value, what the trimmed-regex definition gives (the reference below).
const reference = `
  create or replace macro cg_date_reference(raw) as
      case
          when regexp_full_match(trim(raw), '\\d{4}-\\d{2}-\\d{2}([T ].*)?')
              then cg_plausible_date(try_cast(left(trim(raw), 10) as date))
      end`;

const hostile = [
  '2020-01-05', ' 2020-01-05', '2020-01-05 ', '2020-1-5', '2020-01-5', '2020-01-5 ', '2020-02-30', '2020-02-29',
  '2019-02-29', '1899-12-31', '1900-01-01', '9999-12-31', '10000-01-01', '0020-01-01', ' 020-01-01', '2020-01-05T10:00',
  '2020-01-05 10:00', '+2020-01-01', '-2020-01-01', '', ' ', '20200105', '2020/01/05', '2030-01-01', '2026-11-27',
  '2026-11-28', '0001-01-01 (BC)', '2020-01-05\t', '\t2020-01-05', '2020-13-01', '2020-00-10', '2020-01-00', 'infinity',
  'epoch', 'today', '2020-01-05Z', '２０２０-01-05',
];

describe('cg_date fast path', () => {
  it('gives_what_the_regex_definition_gives_for_every_hostile_value', async () => {
    await withDb({ threads: 1 }, async (db) => {
      await createCanonicalSchema(db, '2026-11-27');
      await db.run(reference);
      await db.run('create table hostile (raw varchar)');
      for (const raw of hostile) await db.run('insert into hostile values ($raw)', { raw });
      await db.run('insert into hostile values (null)');
      const rows = await db.all<{ raw: string | null; fast: string | null; slow: string | null }>(
        `select raw, cast(cg_date(raw) as varchar) as fast, cast(cg_date_reference(raw) as varchar) as slow from hostile`,
      );
      expect(rows).toHaveLength(hostile.length + 1);
      for (const row of rows) expect(row.fast, JSON.stringify(row.raw)).toBe(row.slow);
      const dated = (raw: string): string | null | undefined => rows.find((row) => row.raw === raw)?.fast;
      // A few outcomes by hand: exact, trimmed, time part, implausible, after the latest date.
      expect(dated('2020-01-05')).toBe('2020-01-05');
      expect(dated(' 2020-01-05')).toBe('2020-01-05');
      expect(dated('2020-01-05T10:00')).toBe('2020-01-05');
      expect(dated('1899-12-31')).toBeNull();
      expect(dated('2026-11-28')).toBeNull();
      expect(dated('2020-01-5 ')).toBeNull();
    });
  });
});
