import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { fhirFieldSql, fhirJsonStructure } from '../../pipeline/loaders/fhirStructure.js';

// The FHIR loaders read each resource through json_transform into a STRUCT of the elements they use
// (fhirStructure.ts); their checks were written for json_extract_string. These cases pin that the
// two agree on every shape a bulk export can hold, so a reject reason or value cannot change.
describe('FHIR resources parsed into an explicit structure', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open({ threads: 1 });
  });
  afterAll(() => db.close());

  it('nests the paths into one structure; a JSON leaf stays JSON', () => {
    expect(JSON.parse(fhirJsonStructure(['$.id', '$.period.start', '$.period.end', '$.payor[0].display', '$.code:json']))).toEqual({
      id: 'VARCHAR',
      period: { start: 'VARCHAR', end: 'VARCHAR' },
      payor: [{ display: 'VARCHAR' }],
      code: 'JSON',
    });
    expect(fhirFieldSql('$.payor[0].display')).toBe('resource."payor"[1]."display"');
  });

  it('refuses a path that is both a leaf and the prefix of another', () => {
    expect(() => fhirJsonStructure(['$.medicationReference', '$.medicationReference.reference'])).toThrow(/conflicts/);
    expect(() => fhirJsonStructure(['$.payor[0].display', '$.payor.display'])).toThrow(/conflicts/);
    expect(() => fhirJsonStructure(['$.code.coding[*]'])).toThrow(/unsupported/);
  });

  it('gives what json_extract_string gives, for strings, numbers, objects, nulls, wrong shapes and key case', async () => {
    const paths = ['$.id', '$.subject.reference', '$.payor[0].display'];
    const lines = [
      '{"id":"p1","subject":{"reference":"Patient/p1"},"payor":[{"display":"medicare"}]}',
      '{"id":123,"subject":{"reference":null},"payor":{"display":"not a list"}}',
      '{"id":{"x":[1, 2]},"subject":"Patient/p1","payor":[]}',
      '{"Id":"wrong case","subject":[{"reference":"Patient/p1"}],"payor":["text",{"display":1.50}]}',
      '{"id":"first","id":"second","subject":{"reference":" Patient/p2 "},"payor":[{"display":true}]}',
    ];
    const values = lines.map((line) => `('${line}')`).join(', ');
    const extracted = paths.map((path, index) => `json_extract_string(line, '${path}') as e${index}`).join(', ');
    const transformed = paths.map((path, index) => `${fhirFieldSql(path)} as t${index}`).join(', ');
    const rows = await db.all<Record<string, string | null>>(`
      select ${extracted}, ${transformed}
      from (select line, json_transform(line, '${fhirJsonStructure(paths)}') as resource from (values ${values}) as input(line))`);
    expect(rows).toHaveLength(lines.length);
    for (const row of rows) for (let index = 0; index < paths.length; index += 1) expect(row[`t${index}`]).toBe(row[`e${index}`]);
    expect(rows.map((row) => row.t0)).toEqual(['p1', '123', '{"x":[1,2]}', null, 'first']);
  });
});
