import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Db } from '../db.js';
import { RunError } from '../errors.js';
import { quotedIdentifier } from '../sql.js';
import { isGzipName, type CsvHeader } from './csvHeader.js';
import { LineSplitter, parseFields, quoteStateAfter, startOfRecord, type PhysicalLine, type QuoteState } from './csvSyntax.js';
import type { InputFile } from './inputFile.js';

/** A line longer than this is rejected (its start is kept as the value). */
const maxLineBytes = 16 * 1024 * 1024;
/** A quoted field still open after this many lines is taken to be an unterminated quote. */
const maxRecordLines = 1000;
/** Reject values are cut to this many characters. */
const maxValueChars = 1000;

interface Line {
  line: number;
  text: string;
  utf8: boolean;
  tooLong: boolean;
}

/** A row the careful reader could not load, with its physical line. */
export interface StructuralReject {
  line: number;
  column: string;
  value: string;
  reason: string;
}

/** Shows a rejected record's text on one line, cut to a readable length, NUL bytes spelled out. */
export function rejectValue(text: string): string {
  const flat = text.replaceAll('\0', '\\0').replace(/\r?\n|\r/g, ' ').trim();
  return flat.length > maxValueChars ? `${flat.slice(0, maxValueChars)}...` : flat;
}

/**
 * Turns physical lines into records, and records into rows or structural rejects. A record is one
 * line, or several when a quoted field holds newlines. A multi-line record that does not come out
 * as a well-formed row (a stray quote that closes lines later, or never) is read again line by
 * line, so each of its lines is loaded or rejected at its own number instead of being swallowed.
 */
export class RecordAssembler {
  private pending: Line[] = [];
  private state: QuoteState = startOfRecord();
  private headerSeen = false;

  constructor(
    private readonly header: CsvHeader,
    private readonly onRow: (line: number, fields: string[]) => void,
    private readonly onReject: (reject: StructuralReject) => void,
  ) {}

  push(physical: PhysicalLine): void {
    const bytes = physical.bytes;
    const line: Line = {
      line: physical.line,
      text: physical.line === 1 ? bytes.toString('utf8').replace(/^\uFEFF/, '') : bytes.toString('utf8'),
      utf8: isUtf8(bytes),
      tooLong: physical.tooLong,
    };
    if (this.pending.length === 0) {
      this.start(line);
      return;
    }
    if (line.tooLong) {
      this.fallBack();
      this.start(line);
      return;
    }
    this.pending.push(line);
    this.state = quoteStateAfter(line.text, this.header.delimiter, this.state);
    if (!this.state.inQuote) this.complete();
    else if (this.pending.length >= maxRecordLines) this.fallBack();
  }

  end(): void {
    if (this.pending.length > 0) this.fallBack();
  }

  private start(line: Line): void {
    if (line.text === '' && !line.tooLong) return; // an empty line is not a record
    if (line.tooLong) {
      this.reject(line.line, '', line.text, `line longer than ${maxLineBytes / 1024 / 1024} MB`);
      return;
    }
    this.pending = [line];
    this.state = quoteStateAfter(line.text, this.header.delimiter, startOfRecord());
    if (!this.state.inQuote) this.complete();
  }

  private complete(): void {
    const lines = this.pending;
    this.pending = [];
    if (!this.headerSeen) {
      this.headerSeen = true; // the header (csvHeader.ts has read it)
      return;
    }
    if (lines.length === 1) {
      this.judge(lines);
      return;
    }
    const width = this.header.names.length;
    const parsed = parseFields(lines.map((line) => line.text).join('\n'), this.header.delimiter);
    // A quoted newline is believed only when the record comes out whole and none of its later
    // lines is a complete row by itself (which is what rows swallowed by a stray quote look like).
    const swallowsRows = lines.slice(1).some((line) => {
      const alone = parseFields(line.text, this.header.delimiter);
      return alone.ok && alone.fields.length === width;
    });
    if (parsed.ok && parsed.fields.length === width && !swallowsRows) this.judge(lines);
    else this.fallBack(lines);
  }

  /** Reads the pending lines again one by one, each its own record. */
  private fallBack(lines = this.pending): void {
    this.pending = [];
    for (const line of lines) {
      if (line.text === '' && !line.tooLong) continue;
      if (!this.headerSeen) {
        this.headerSeen = true;
        continue;
      }
      if (line.tooLong) this.reject(line.line, '', line.text, `line longer than ${maxLineBytes / 1024 / 1024} MB`);
      else this.judge([line]);
    }
  }

  private judge(lines: Line[]): void {
    const first = lines[0].line;
    const text = lines.map((line) => line.text).join('\n');
    const names = this.header.names;
    const parsed = parseFields(text, this.header.delimiter);
    if (!parsed.ok) return this.reject(first, names[parsed.field] ?? '', text, parsed.problem);
    // Like DuckDB's reader: empty fields past the header's last column (a trailing delimiter on a
    // data line) are dropped, not counted as a ragged row.
    const fields = [...parsed.fields];
    while (fields.length > names.length && fields[fields.length - 1] === '') fields.pop();
    if (fields.length !== names.length) {
      const width = parsed.fields.length;
      const found = `${width} ${width === 1 ? 'field' : 'fields'}`;
      return this.reject(first, '', text, `ragged row: ${found}, expected ${names.length}`);
    }
    if (!lines.every((line) => line.utf8)) {
      const at = fields.findIndex((field) => field.includes('\uFFFD'));
      return this.reject(first, names[at] ?? '', text, 'invalid UTF-8');
    }
    const nul = fields.findIndex((field) => field.includes('\0'));
    if (nul !== -1) return this.reject(first, names[nul] ?? '', text, 'NUL byte in value');
    this.onRow(first, fields);
  }

  private reject(line: number, column: string, text: string, reason: string): void {
    this.onReject({ line, column, value: rejectValue(text), reason });
  }
}

/**
 * Reads a CSV file that DuckDB's reader cannot be trusted with (csvShape.ts says why) in
 * JavaScript, streaming: its rows go to table `table` (`__line` and the wanted columns, by header
 * position), its malformed records to `load_reject`. Returns rows loaded and rows rejected.
 *
 * Cost: one pass in a single thread (tens of MB/s); used only for files that need it, which are
 * rarely large.
 */
export async function readCareful(
  db: Db,
  file: InputFile,
  header: CsvHeader,
  wanted: { name: string; position: number | undefined }[],
  table: string,
): Promise<{ rows: number; rejects: number }> {
  const columns = wanted.map((column) => `${quotedIdentifier(column.name)} varchar`);
  await db.run(`create table ${table} (__line bigint, ${columns.join(', ')})`);
  const rowAppender = await db.connection.createAppender(table);
  const rejectAppender = await db.connection.createAppender('load_reject');
  let rows = 0;
  let rejects = 0;
  const assembler = new RecordAssembler(
    header,
    (line, fields) => {
      rowAppender.appendBigInt(BigInt(line));
      for (const column of wanted) {
        const value = column.position === undefined ? undefined : fields[column.position];
        // An empty field is null, as DuckDB's reader makes it.
        if (value === undefined || value === '') rowAppender.appendNull();
        else rowAppender.appendVarchar(value);
      }
      rowAppender.endRow();
      rows += 1;
    },
    (reject) => {
      rejectAppender.appendVarchar(file.name);
      rejectAppender.appendBigInt(BigInt(reject.line));
      rejectAppender.appendVarchar(reject.column);
      rejectAppender.appendVarchar(reject.value);
      rejectAppender.appendVarchar(reject.reason);
      rejectAppender.endRow();
      rejects += 1;
    },
  );
  const splitter = new LineSplitter(maxLineBytes);
  const raw = createReadStream(file.path, { highWaterMark: 1024 * 1024 });
  const stream = isGzipName(file.path) ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (error) => stream.destroy(error));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (const line of splitter.push(chunk)) assembler.push(line);
    }
  } catch {
    throw new RunError(`${file.path}: corrupt or truncated gzip data`);
  } finally {
    for (const line of splitter.end()) assembler.push(line);
    assembler.end();
    rowAppender.closeSync();
    rejectAppender.closeSync();
  }
  return { rows, rejects };
}
