// doubleText writes a double as DuckDB casts it to text, so the value-set hash, now computed in
// JavaScript, keeps the value DuckDB gave it (pipeline/rules/hashValueSets.ts).
import { describe, expect, test } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { doubleText } from '../../pipeline/rules/doubleText.js';

const values = [1000, 800, 60, 0.25, 1.5, 2.5e-5, 0.0001, 0.00012, 1e-7, 1e15, 1e16, 1e21, 123456789012345680, -0, -12.75, 1 / 3];

describe('doubleText', () => {
  test('matches_duckdb_cast_to_varchar_for_value_set_magnitudes_and_the_exponent_boundaries', async () => {
    const db = await Db.open({ threads: 1 });
    try {
      // Each value goes to DuckDB as the text JavaScript reads back to the same double.
      const tuples = values.map((value, position) => `(${position}, cast('${Object.is(value, -0) ? '-0.0' : String(value)}' as double))`);
      const rows = await db.all<{ text: string }>(
        `select cast(value as varchar) as text from (values ${tuples.join(', ')}) as given(position, value) order by position`,
      );
      expect(values.map(doubleText)).toEqual(rows.map((row) => row.text));
    } finally {
      db.close();
    }
  });
});
