// NDJSON files are read with DuckDB's default line limit (so a file splits between threads) and
// again with a 64 MB limit only when a line is longer. These fixtures check that every line keeps
// its physical number either way.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { loadInputs } from '../../pipeline/loaders/loadInputs.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function population(conditions: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'caregap-ndjson-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'Patient.ndjson'), `${JSON.stringify({ resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1940-01-01' })}\n`);
  writeFileSync(join(dir, 'Condition.ndjson'), `${conditions.join('\n')}\n`);
  return dir;
}

function condition(person: string, date: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    resourceType: 'Condition',
    subject: { reference: `Patient/${person}` },
    code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M80.08XA' }] },
    onsetDateTime: date,
    ...extra,
  });
}

async function load(dir: string, threads: number): Promise<{ events: { person_id: string; source_line: number }[]; rejects: { line: number; reason: string }[] }> {
  const db = await Db.open({ threads });
  try {
    await loadInputs(db, { inputDir: dir, format: 'fhir' });
    const events = await db.all<{ person_id: string; source_line: number }>(
      `select person_id, source_line::integer as source_line from clinical_event where source_file = 'Condition.ndjson' order by source_line`,
    );
    const rejects = await db.all<{ line: number; reason: string }>(
      `select line::integer as line, reason from load_reject where file = 'Condition.ndjson' order by line`,
    );
    return { events, rejects };
  } finally {
    db.close();
  }
}

describe('NDJSON line limits and line numbers', () => {
  it('numbers every line of a file read by two threads (about 60 MB, several buffers)', async () => {
    // Each person id carries its own line number, so any reordering between buffers shows up.
    const lines = Array.from({ length: 200_000 }, (_, index) => condition(`p${index + 1}`, '2020-01-05', { note: [{ text: 'x'.repeat(150) }] }));
    const { events, rejects } = await load(population(lines), 2);
    expect(rejects).toEqual([]);
    expect(events).toHaveLength(200_000);
    expect(events.filter((event) => event.person_id !== `p${event.source_line}`)).toEqual([]);
  }, 60_000);

  it('reads a file holding a 3 MB line and a malformed line, each line keeping its number', async () => {
    const dir = population([
      condition('p1', '2020-01-05'),
      condition('p2', '2020-01-06', { note: [{ text: 'y'.repeat(3_000_000) }] }),
      '{"resourceType": "Condition", "subject": ',
      condition('p4', '2020-01-07'),
    ]);
    const { events, rejects } = await load(dir, 2);
    expect(events).toEqual([
      { person_id: 'p1', source_line: 1 },
      { person_id: 'p2', source_line: 2 },
      { person_id: 'p4', source_line: 4 },
    ]);
    expect(rejects).toEqual([{ line: 3, reason: 'invalid JSON' }]);
  });
});
