import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { withDb } from '../../pipeline/db.js';
import { RunError, UsageError } from '../../pipeline/errors.js';
import { loadInputs } from '../../pipeline/loaders/loadInputs.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

// Hostile CSV shapes real exports produce. Each file is read twice, by DuckDB's parallel reader where
// the file allows it and by the careful JavaScript reader, and both must give the same ledger:
// every data row loaded or rejected at its physical line (1-based, the header is line 1).

type Reject = [line: number, column: string, reason: string];
interface Outcome {
  ledger: [read: number, loaded: number, rejected: number];
  rejects: Reject[];
  /** source_line of each loaded event. */
  loadedLines: number[];
}

const temp = makeTempDir();
afterAll(() => temp.cleanup());
let folders = 0;

const patients = 'person_id,birth_date,sex\np1,1950-01-01,F\n';
const header = 'person_id,event_date,code_system,code';

async function load(events: string | Buffer, reader: 'auto' | 'careful', name = 'events.csv'): Promise<Outcome> {
  const dir = `${temp.dir}/case${(folders += 1)}`;
  writeFiles(dir, { 'patients.csv': patients, [name]: events });
  return withDb({ threads: 2 }, async (db) => {
    const result = await loadInputs(db, { inputDir: dir, csvReader: reader });
    const file = result.files.find((entry) => entry.file === name)!;
    const rejects = await db.all<{ line: number; column: string; reason: string }>(
      `select line::integer as line, "column" as column, reason from load_reject where file = $file order by line`,
      { file: name },
    );
    const loaded = await db.all<{ line: number }>(`select source_line::integer as line from clinical_event order by source_line`);
    return {
      ledger: [file.rowsRead, file.rowsLoaded, file.rowsRejected],
      rejects: rejects.map((row) => [row.line, row.column, row.reason] as Reject),
      loadedLines: loaded.map((row) => row.line),
    };
  });
}

const cases: { name: string; file: string | Buffer; expected: Outcome }[] = [
  {
    name: 'an empty line shifts nothing: the ragged row after it is rejected at its own line',
    file: [header, 'p1,2021-01-05,ICD10CM,M81.0', '', 'p1,2021-01-06,ICD10CM,M81.0', 'p1,2021-01-07,ICD10CM', 'p1,2021-13-01,ICD10CM,M81.0', ''].join('\n'),
    expected: {
      ledger: [4, 2, 2],
      rejects: [[5, '', 'ragged row: 3 fields, expected 4'], [6, 'event_date', 'impossible date']],
      loadedLines: [2, 4],
    },
  },
  {
    name: 'a quoted newline makes one row at its first line; later rows keep their physical lines',
    file: [`${header},note`, 'p1,2021-01-05,ICD10CM,M81.0,"two', 'lines"', 'p1,2021-01-06,ICD10CM,M81.0,x', 'p1,2021-13-01,ICD10CM,M81.0,x', ''].join('\n'),
    expected: { ledger: [3, 2, 1], rejects: [[5, 'event_date', 'impossible date']], loadedLines: [2, 4] },
  },
  {
    name: 'an unterminated quote rejects its own line only; every line after it is read',
    file: [header, 'p1,2021-01-05,ICD10CM,M81.0', 'p1,"2021-01-06,ICD10CM,M81.0', 'p1,2021-01-07,ICD10CM,M81.0', 'p1,2021-01-08,ICD10CM,M81.0', ''].join('\n'),
    expected: { ledger: [4, 3, 1], rejects: [[3, 'event_date', 'unterminated quote']], loadedLines: [2, 4, 5] },
  },
  {
    name: 'a stray quote that closes lines later still leaves each line accounted for',
    file: [header, 'p1,"2021-01-05,ICD10CM,M81.0', 'p1,2021-01-06,ICD10CM,M81.0', 'p1,2021-01-07",ICD10CM,M81.0', ''].join('\n'),
    expected: {
      ledger: [3, 1, 2],
      rejects: [[2, 'event_date', 'unterminated quote'], [4, 'event_date', 'unparseable date']],
      loadedLines: [3],
    },
  },
  {
    name: 'ragged rows say how many fields they have',
    file: [
      `${header},end_date,setting,days_supply,quantity,units,route`,
      'p1,2021-01-05,ICD10CM,M81.0,,,,,',
      'p1,2021-01-05,ICD10CM,M81.0,,,,,,',
      'p1,2021-01-05,ICD10CM,M81.0,,,,,,,x,',
      // Empty fields past the last column (a trailing comma) are dropped, as DuckDB's reader does.
      'p1,2021-01-05,ICD10CM,M81.0,,,,,,,,',
      '',
    ].join('\n'),
    expected: {
      ledger: [4, 2, 2],
      rejects: [[2, '', 'ragged row: 9 fields, expected 10'], [4, '', 'ragged row: 12 fields, expected 10']],
      loadedLines: [3, 5],
    },
  },
  {
    name: 'CRLF line endings with an empty line',
    file: [header, 'p1,2021-01-05,ICD10CM,M81.0', '', 'p1,2021-01-06,ICD10CM', 'p1,2021-01-07,ICD10CM,M81.0', ''].join('\r\n'),
    expected: { ledger: [3, 2, 1], rejects: [[4, '', 'ragged row: 3 fields, expected 4']], loadedLines: [2, 5] },
  },
  {
    name: 'CRLF line endings, every field quoted, a ragged row',
    file: [`"person_id","event_date","code_system","code"`, '"p1","2021-01-05","ICD10CM","M81.0"', '"p1","2021-01-06","ICD10CM"', '"p1","2021-13-07","ICD10CM","M81.0"', ''].join('\r\n'),
    expected: {
      ledger: [3, 1, 2],
      rejects: [[3, '', 'ragged row: 3 fields, expected 4'], [4, 'event_date', 'impossible date']],
      loadedLines: [2],
    },
  },
  {
    name: 'lone CR line endings (classic Mac)',
    file: [header, 'p1,2021-01-05,ICD10CM,M81.0', 'p1,2021-13-06,ICD10CM,M81.0', 'p1,2021-01-07,ICD10CM,M81.0', ''].join('\r'),
    expected: { ledger: [3, 2, 1], rejects: [[3, 'event_date', 'impossible date']], loadedLines: [2, 4] },
  },
  {
    name: 'a NUL byte in a value rejects that row',
    file: [header, 'p1,2021-01-05,ICD10CM,M8\u00001.0', 'p1,2021-01-06,ICD10CM,M81.0', ''].join('\n'),
    expected: { ledger: [2, 1, 1], rejects: [[2, 'code', 'NUL byte in value']], loadedLines: [3] },
  },
  {
    name: 'a Latin-1 byte in a UTF-8 file rejects that row at its line',
    file: Buffer.concat([
      Buffer.from(`${header},site\np1,2021-01-05,ICD10CM,M81.0,x\n\np1,2021-01-06,ICD10CM,M81.0,Malm`),
      Buffer.from([0xf6]),
      Buffer.from('\np1,2021-01-07,ICD10CM,M81.0,y\n'),
    ]),
    expected: { ledger: [3, 2, 1], rejects: [[4, 'site', 'invalid UTF-8']], loadedLines: [2, 5] },
  },
  {
    name: 'a Latin-1 byte in a file DuckDB reads itself (no empty line)',
    file: Buffer.concat([
      Buffer.from(`${header},site\np1,2021-01-05,ICD10CM,M81.0,x\np1,2021-01-06,ICD10CM,M81.0,Malm`),
      Buffer.from([0xf6]),
      Buffer.from('\np1,2021-13-07,ICD10CM,M81.0,y\n'),
    ]),
    expected: { ledger: [3, 1, 2], rejects: [[3, 'site', 'invalid UTF-8'], [4, 'event_date', 'impossible date']], loadedLines: [2] },
  },
  {
    name: 'a line of spaces is a one-field ragged row',
    file: [header, 'p1,2021-01-05,ICD10CM,M81.0', '   ', 'p1,2021-01-06,ICD10CM,M81.0', ''].join('\n'),
    expected: { ledger: [3, 2, 1], rejects: [[3, '', 'ragged row: 1 field, expected 4']], loadedLines: [2, 4] },
  },
  {
    name: 'a last line without a newline is read',
    file: [header, 'p1,2021-01-05,ICD10CM,M81.0', 'p1,2021-01-06,ICD10CM,M81.0'].join('\n'),
    expected: { ledger: [2, 2, 0], rejects: [], loadedLines: [2, 3] },
  },
  {
    name: 'an escaped quote inside a quoted field is a quote; text after a closing quote is malformed',
    file: [`${header},note`, 'p1,2021-01-05,ICD10CM,M81.0,"he said ""hi"""', 'p1,2021-01-06,ICD10CM,"M81.0"x,n', ''].join('\n'),
    expected: { ledger: [2, 1, 1], rejects: [[3, 'code', 'malformed quoting']], loadedLines: [2] },
  },
  {
    name: 'a trailing comma on every line (an empty last header name) is an ignored column',
    file: [`${header},`, 'p1,2021-01-05,ICD10CM,M81.0,', 'p1,2021-01-06,ICD10CM,M81.0,', ''].join('\n'),
    expected: { ledger: [2, 2, 0], rejects: [], loadedLines: [2, 3] },
  },
  {
    name: 'a trailing comma on the header line only, or on some data lines',
    file: [`${header},`, 'p1,2021-01-05,ICD10CM,M81.0', 'p1,2021-01-06,ICD10CM,M81.0,', 'p1,2021-01-07,ICD10CM', ''].join('\n'),
    expected: { ledger: [3, 2, 1], rejects: [[4, '', 'ragged row: 3 fields, expected 4']], loadedLines: [2, 3] },
  },
  {
    name: 'a quoted header name holding the delimiter, repeated extra columns, spaces and a BOM',
    file: ['\uFEFF person_id ,"event,date",note,NOTE,event_date , code_system,code', 'p1,x,a,b,2021-01-05,ICD10CM,M81.0', ''].join('\n'),
    expected: { ledger: [1, 1, 0], rejects: [], loadedLines: [2] },
  },
  {
    name: 'a header-only file',
    file: `${header}\n`,
    expected: { ledger: [0, 0, 0], rejects: [], loadedLines: [] },
  },
  {
    name: 'a file of empty lines only',
    file: '\n\n\r\n',
    expected: { ledger: [0, 0, 0], rejects: [], loadedLines: [] },
  },
];

describe.each(['auto', 'careful'] as const)('hostile CSV read by the %s reader', (reader) => {
  it.each(cases)('$name', async ({ file, expected }) => {
    expect(await load(file, reader)).toEqual(expected);
  });

  it('reads a gzip file holding nothing as an empty file', async () => {
    expect(await load(gzipSync(''), reader, 'events.csv.gz')).toEqual({ ledger: [0, 0, 0], rejects: [], loadedLines: [] });
  });

  it('reads a gzip file with an unterminated quote and a blank line the same way', async () => {
    const text = [header, 'p1,2021-01-05,ICD10CM,M81.0', '', 'p1,"2021-01-06,ICD10CM,M81.0', 'p1,2021-01-07,ICD10CM,M81.0', ''].join('\n');
    expect(await load(gzipSync(text), reader, 'events.csv.gz')).toEqual({
      ledger: [3, 2, 1],
      rejects: [[4, 'event_date', 'unterminated quote']],
      loadedLines: [2, 5],
    });
  });
});

describe('an unterminated quote early in a long file', () => {
  it('rejects one line and loads the 2,500 after it (the quote is not allowed to swallow them)', async () => {
    const rows = Array.from({ length: 2500 }, (_, n) => `p1,2021-01-05,ICD10CM,M81.${n}`);
    const outcome = await load([header, 'p1,"2021-01-04,ICD10CM,M81.0', ...rows, ''].join('\n'), 'auto');
    expect(outcome.ledger).toEqual([2501, 2500, 1]);
    expect(outcome.rejects).toEqual([[2, 'event_date', 'unterminated quote']]);
    expect(outcome.loadedLines[0]).toBe(3);
    expect(outcome.loadedLines.at(-1)).toBe(2502);
  });
});

describe('files that cannot be read fail the run, naming the file', () => {
  const failure = async (files: Record<string, string | Buffer>): Promise<Error> => {
    const dir = `${temp.dir}/fail${(folders += 1)}`;
    writeFiles(dir, { 'patients.csv': patients, ...files });
    try {
      await withDb({}, (db) => loadInputs(db, { inputDir: dir }));
    } catch (error) {
      return error as Error;
    }
    throw new Error('the load did not fail');
  };
  const events = [header, ...Array.from({ length: 20000 }, (_, n) => `p${n},2021-01-05,ICD10CM,M81.0`), ''].join('\n');

  it('a gzip file cut short (RunError, before any row is loaded)', async () => {
    const gz = gzipSync(events);
    const error = await failure({ 'events.csv.gz': gz.subarray(0, Math.floor(gz.length * 0.6)) });
    expect(error).toBeInstanceOf(RunError);
    expect(error.message).toMatch(/events\.csv\.gz: corrupt or truncated gzip file/);
  });

  it('a gzip file with bytes flipped mid-file fails fast', async () => {
    const gz = Buffer.from(gzipSync(events));
    for (let at = Math.floor(gz.length / 2); at < Math.floor(gz.length / 2) + 4; at += 1) gz[at] ^= 0xff;
    const started = performance.now();
    const error = await failure({ 'events.csv.gz': gz });
    expect(error).toBeInstanceOf(RunError);
    expect(error.message).toMatch(/events\.csv\.gz: corrupt or truncated gzip file/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a .gz file that is not gzip', async () => {
    const error = await failure({ 'events.csv.gz': events });
    expect(error).toBeInstanceOf(RunError);
    expect(error.message).toMatch(/events\.csv\.gz: not gzip-compressed/);
  });

  it('a .parquet file that is CSV, and a truncated Parquet file', async () => {
    const csvError = await failure({ 'events.parquet': events });
    expect(csvError).toBeInstanceOf(RunError);
    expect(csvError.message).toMatch(/events\.parquet: not a complete Parquet file/);
    const parquet = `${temp.dir}/whole.parquet`;
    await withDb({}, (db) => db.run(`copy (select 'p' || range as person_id, '2021-01-05' as event_date,
        'ICD10CM' as code_system, 'M81.0' as code from range(5000)) to '${parquet}' (format parquet)`));
    const bytes = readFileSync(parquet);
    const cut = await failure({ 'events.parquet': bytes.subarray(0, Math.floor(bytes.length * 0.6)) });
    expect(cut).toBeInstanceOf(RunError);
    expect(cut.message).toMatch(/events\.parquet: not a complete Parquet file/);
  });

  it('a file that is not text at all: a layout error naming the file', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const error = await failure({ 'events.csv': png });
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/events\.csv: /);
  });

  it.each([
    ['the same name twice', `person_id,event_date,code,code_system,code`, /events\.csv: column code appears 2 times in the header: "code" \(column 3\) and "code" \(column 5\)/],
    ['two spellings of one name', `person_id,Event_Date,code_system,code,EVENT_DATE`, /events\.csv: column event_date appears 2 times in the header: "Event_Date" \(column 2\) and "EVENT_DATE" \(column 5\)/],
    ['a needed column only inside a quoted name', `person_id,"event_date,code_system",code`, /events\.csv: missing required column event_date/],
  ])('a header with %s: UsageError naming file and column', async (_, line, message) => {
    const error = await failure({ 'events.csv': `${line}\np1,2021-01-05,ICD10CM,M81.0,M81.0\n` });
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(message);
  });
});
