import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { createCanonicalSchema } from '../../pipeline/loaders/loadInputs.js';
import { personCheck } from '../../pipeline/loaders/sourceSpec.js';
import { dateCheck, numberCheck, openEndDateCheck, orderCheck, required, stageWithChecks, type Check } from '../../pipeline/loaders/validate.js';

// Each check's fastOk (validate.ts) clears a row without evaluating its problem, so it may be false
// for a good value but never true for a bad one, or a row would load that should be rejected. And
// cg_date's plain-date branch (macros.sql) must give what its general branch gives. These cases
// compare them on the odd spellings we know of; the plain value must take the fast path.
const latest = '2026-06-30';

const dates = [
  '2020-01-05', '1900-01-01', '2026-06-30', '2024-02-29', '0020-01-05', '9999-12-31', // plain
  ' 2020-01-05', '2020-01-05 ', '2020-1-5', '2020-1-05', '2020-01-5', '2020-01-5 ', '2020-1-5  ', '2020- 1-05', // padded, short
  '2020-02-30', '2021-02-29', '2020-13-01', '2020-00-10', '2020-01-00', '2020-01-32', // impossible
  '1899-12-31', '2026-07-01', '10000-01-01', '02020-01-05', // out of range
  '+2020-01-01', '-2020-01-01', '2020/01/05', '20200105', '2020-01-05x', '2020-01-05Z', '20-1-05-xx', // other spellings
  '2020-01-05T10:00', '2020-01-05 10:00:00', '2020-01-05 (BC)', '\t2020-01-05', '2020-01-05\n', // time parts, whitespace
  '\uFF12\uFF10\uFF12\uFF10-01-05', '\u0662\u0660\u0662\u0660-01-05', '', '  ', null, // other digits, blank
];

const numbers = [
  '1', '30', '30.0', '1.0', '0', '99', '99.5', '100', '730', '730.0', '730.4', '731', '2300', '12', '13', '100000', '100000.5',
  '99999.99', ' 1', '1 ', '-0', '-1', '+5', '.5', '5.', '1e2', '1_000', '0x10', 'nan', 'inf', '1,5', '\u0663', 'abc', '', ' ', null,
];

const texts = ['p1', 'P0123320', ' p1', 'p1 ', '!', '~', ' ', '', '\t', '\u00a0', '\u2003', '\u3000', '\u00a0p1', 'é', null];

describe('validation fast paths never clear a bad value', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open({ threads: 1 });
    await createCanonicalSchema(db, latest);
  });
  afterAll(() => db.close());

  const literal = (value: string | null): string => (value === null ? 'null' : `'${value.replaceAll("'", "''")}'`);

  /** Each row's value(s), whether fastOk cleared it, and its problem (the reject reason, or null). */
  async function judge(check: Check, columns: string[], rows: (string | null)[][]): Promise<{ values: (string | null)[]; fast: boolean | null; problem: string | null }[]> {
    const values = rows.map((row) => `(${row.map(literal).join(', ')})`).join(', ');
    const names = columns.map((column) => `"${column}"`).join(', ');
    const result = await db.all<{ fast: boolean | null; problem: string | null } & Record<string, string | null>>(`
      select ${names}, (${check.fastOk}) as fast, (${check.problem}) as problem
      from (values ${values}) as input(${names})`);
    return result.map((row) => ({ values: columns.map((column) => row[column]), fast: row.fast, problem: row.problem }));
  }

  function expectSound(judged: { values: (string | null)[]; fast: boolean | null; problem: string | null }[]): void {
    const cleared = judged.filter((row) => row.fast === true);
    expect(cleared.filter((row) => row.problem !== null)).toEqual([]);
    // Both sides are covered: some values are cleared, some have a problem.
    expect(cleared.length).toBeGreaterThan(0);
    expect(judged.some((row) => row.problem !== null)).toBe(true);
  }

  it.each([
    ['dateCheck, required', dateCheck('d', true)],
    ['dateCheck, optional', dateCheck('d')],
    ['openEndDateCheck', openEndDateCheck('d')],
  ])('%s: only a plain real date in range is cleared', async (_name, check) => {
    const judged = await judge(check, ['d'], dates.map((value) => [value]));
    expectSound(judged);
    expect(judged.find((row) => row.values[0] === '2020-01-05')?.fast).toBe(true);
    expect(judged.find((row) => row.values[0] === '2020-02-30')?.problem).toBe('impossible date');
    expect(judged.find((row) => row.values[0] === '2020-1-5')?.problem).toBe('unparseable date');
  });

  it('orderCheck: every pair of dates cleared is in order or has a date cg_date does not read', async () => {
    const pairs = dates.flatMap((end) => dates.map((start) => [end, start]));
    const judged = await judge(orderCheck('e', 's'), ['e', 's'], pairs);
    expectSound(judged);
    expect(judged.find((row) => row.values[0] === '2020-01-05' && row.values[1] === '1900-01-01')?.fast).toBe(true);
    expect(judged.find((row) => row.values[0] === '1900-01-01' && row.values[1] === '2020-01-05 ')?.problem).toBe('end before start');
  });

  it.each([730, 100000, 12, 2300, 9])('numberCheck with ceiling %i', async (ceiling) => {
    const judged = await judge(numberCheck('n', 'amount', ceiling), ['n'], numbers.map((value) => [value]));
    expectSound(judged);
    expect(judged.find((row) => row.values[0] === '1')?.fast).toBe(true);
    expect(judged.find((row) => row.values[0] === '-1')?.problem).toBe('negative amount');
  });

  it('required and personCheck: a value that trims to nothing is never cleared', async () => {
    const judgedRequired = await judge(required('code', 'missing code'), ['code'], texts.map((value) => [value]));
    expectSound(judgedRequired);
    expect(judgedRequired.find((row) => row.values[0] === '\u3000')?.problem).toBe('missing code');
    const people = texts.flatMap((person) => [[person, null], [person, 'p2'], [person, ' ']]);
    const judgedPerson = await judge(personCheck, ['person_id', 'patient_id'], people);
    expectSound(judgedPerson);
    expect(judgedPerson.find((row) => row.values[0] === 'P0123320')?.fast).toBe(true);
  });

  it('cg_date gives what its general branch gives, on every plain-shaped day and the odd spellings', async () => {
    const general = `case when regexp_full_match(trim(raw), '\\d{4}-\\d{2}-\\d{2}([T ].*)?')
                          then cg_plausible_date(try_cast(left(trim(raw), 10) as date)) end`;
    const plain = `select lpad(year::varchar, 4, '0') || '-' || lpad(month::varchar, 2, '0') || '-' || lpad(day::varchar, 2, '0') as raw
                   from range(0, 34) as d(day), range(0, 14) as m(month),
                        (select unnest([0, 20, 1899, 1900, 1999, 2000, 2020, 2021, 2024, 2026, 2027, 2100, 9999]) as year)`;
    const odd = dates.map((value) => `select ${literal(value)} as raw`).join(' union all ');
    const differing = await db.all(`
      select raw from (${plain} union all ${odd}) where cg_date(raw) is distinct from (${general})`);
    expect(differing).toEqual([]);
    const sample = await db.all<{ day: string | null }>(`select cg_date('2024-02-29') as day union all select cg_date('2026-07-01')`);
    expect(sample.map((row) => row.day)).toEqual(['2024-02-29', null]);
  });
});

describe('duplicate keys', () => {
  it('marks every row after the first, by line, with the same key, as the window by key does', async () => {
    const db = await Db.open({ threads: 2 });
    try {
      await createCanonicalSchema(db, latest);
      // 3000 rows, most keys three times (lines l, l + 1000, l + 2000), null keys among them.
      await db.run(`
        create table src as
        select line as __line,
               case when line % 97 = 0 then null else 'c' || ((line * 7919) % 1000)::varchar end as claim_id,
               case when line % 89 = 0 then null else (line % 2)::varchar end as claim_line_number
        from range(2, 3002) as lines(line)`);
      for (const [stage, where] of [['s_all', undefined], ['s_where', 'claim_id is not null']] as const) {
        await stageWithChecks(db, { source: 'src', stage, checks: [], duplicates: { keys: 'claim_id, claim_line_number', where } });
        const expected = await db.all<{ line: string }>(`
          select __line::varchar as line from (
              select __line, row_number() over (partition by claim_id, claim_line_number order by __line) as copy
              from src ${where ? `where ${where}` : ''})
          where copy > 1 order by __line`);
        const found = await db.all<{ line: string }>(`select __line::varchar as line from ${stage}_dup order by __line`);
        expect(found.length).toBeGreaterThan(1000);
        expect(found).toEqual(expected);
      }
      // No repeated key: an empty table, with the line's type.
      await db.run(`create table unique_src as select * from src where __line < 900`);
      await stageWithChecks(db, { source: '(select __line, claim_id, __line::varchar as claim_line_number from unique_src)', stage: 's_none', checks: [], duplicates: { keys: 'claim_id, claim_line_number' } });
      expect(await db.all(`select * from s_none_dup`)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
