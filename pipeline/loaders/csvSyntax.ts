/**
 * The CSV dialect caregap reads, in one place: RFC 4180 quoting (a field that begins with `"` is
 * quoted, `""` inside it is one quote, and it may hold delimiters and newlines), lenient like DuckDB's
 * reader about a quote in the middle of an unquoted field (kept as text). Lines end in LF, CRLF or a
 * lone CR; an empty line is not a record.
 */

/** Quote state carried from one piece of a record to the next. */
export interface QuoteState {
  inQuote: boolean;
  /** The next character starts a field (a quote there opens a quoted field). */
  atFieldStart: boolean;
}

export const startOfRecord = (): QuoteState => ({ inQuote: false, atFieldStart: true });

/**
 * Advances the quote state over one physical line (without its line ending). Returns the state at
 * the end of the line: `inQuote` means the record continues on the next line.
 */
export function quoteStateAfter(line: string, delimiter: string, state: QuoteState): QuoteState {
  let { inQuote, atFieldStart } = state;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (inQuote) {
      if (char === '"') {
        if (line[index + 1] === '"') index += 1;
        else inQuote = false;
      }
      atFieldStart = false;
    } else if (char === '"' && atFieldStart) {
      inQuote = true;
      atFieldStart = false;
    } else {
      atFieldStart = char === delimiter;
    }
  }
  // A newline inside a quoted field is part of the value; after it no field starts.
  return { inQuote, atFieldStart: inQuote ? false : true };
}

/** A record split into fields, or why it cannot be. `field` is the 0-based field at fault. */
export type ParsedRecord =
  | { ok: true; fields: string[] }
  | { ok: false; problem: 'unterminated quote' | 'malformed quoting'; field: number };

/** Splits one record's text (its lines joined by `\n`) into fields. */
export function parseFields(text: string, delimiter: string): ParsedRecord {
  const fields: string[] = [];
  let index = 0;
  for (;;) {
    if (text[index] === '"') {
      let value = '';
      let cursor = index + 1;
      for (;;) {
        const close = text.indexOf('"', cursor);
        if (close === -1) return { ok: false, problem: 'unterminated quote', field: fields.length };
        value += text.slice(cursor, close);
        if (text[close + 1] === '"') {
          value += '"';
          cursor = close + 2;
          continue;
        }
        cursor = close + 1;
        break;
      }
      fields.push(value);
      if (cursor === text.length) return { ok: true, fields };
      if (text[cursor] !== delimiter) return { ok: false, problem: 'malformed quoting', field: fields.length - 1 };
      index = cursor + 1;
    } else {
      const end = text.indexOf(delimiter, index);
      if (end === -1) {
        fields.push(text.slice(index));
        return { ok: true, fields };
      }
      fields.push(text.slice(index, end));
      index = end + 1;
    }
  }
}

/** One physical line: its 1-based number and its text (line ending removed). */
export interface PhysicalLine {
  line: number;
  bytes: Buffer;
  /** The line was longer than the limit; `bytes` holds only its start. */
  tooLong: boolean;
}

/**
 * Splits a byte stream into physical lines (LF, CRLF or lone CR), chunk by chunk. A line longer
 * than `maxBytes` keeps only its first `maxBytes` bytes (memory stays bounded on a file with no
 * newline at all) and is flagged.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private partBytes = 0;
  private tooLong = false;
  private line = 1;
  /** The previous chunk ended in CR: an LF at the start of the next one belongs to it. */
  private pendingCr = false;

  constructor(private readonly maxBytes: number) {}

  /** The lines completed by this chunk. */
  push(chunk: Buffer): PhysicalLine[] {
    const lines: PhysicalLine[] = [];
    let start = 0;
    if (this.pendingCr && chunk[0] === 0x0a) start = 1;
    this.pendingCr = false;
    let index = start;
    // Next LF and CR at or after index, found once each (a chunk without CR is searched once).
    let lf = chunk.indexOf(0x0a, index);
    let cr = chunk.indexOf(0x0d, index);
    while (index < chunk.length) {
      if (lf !== -1 && lf < index) lf = chunk.indexOf(0x0a, index);
      if (cr !== -1 && cr < index) cr = chunk.indexOf(0x0d, index);
      const end = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
      if (end === -1) break;
      this.append(chunk.subarray(index, end));
      lines.push(this.finish());
      if (chunk[end] === 0x0d && end + 1 === chunk.length) {
        this.pendingCr = true;
        index = end + 1;
      } else if (chunk[end] === 0x0d && chunk[end + 1] === 0x0a) {
        index = end + 2;
      } else {
        index = end + 1;
      }
    }
    if (index < chunk.length) this.append(chunk.subarray(index));
    return lines;
  }

  /** The last line when the file does not end with a newline. */
  end(): PhysicalLine[] {
    return this.partBytes > 0 || this.tooLong ? [this.finish()] : [];
  }

  private append(piece: Buffer): void {
    const room = this.maxBytes - this.partBytes;
    if (piece.length > room) {
      this.tooLong = true;
      if (room > 0) this.parts.push(Buffer.from(piece.subarray(0, room)));
      this.partBytes = this.maxBytes;
      return;
    }
    // Copy: the caller's chunk buffer may be reused.
    this.parts.push(Buffer.from(piece));
    this.partBytes += piece.length;
  }

  private finish(): PhysicalLine {
    const result = { line: this.line, bytes: Buffer.concat(this.parts), tooLong: this.tooLong };
    this.parts = [];
    this.partBytes = 0;
    this.tooLong = false;
    this.line += 1;
    return result;
  }
}

const candidates = [',', '\t', ';', '|'];

/**
 * The delimiter of a header line: the candidate (comma, tab, semicolon, pipe) seen most often
 * outside quoted fields (so `"code,system"` in a tab-separated header does not count).
 */
export function detectDelimiter(headerLine: string): string {
  const unquoted = headerLine.replace(/"([^"]|"")*"/g, '');
  return candidates.reduce((best, candidate) =>
    unquoted.split(candidate).length > unquoted.split(best).length ? candidate : best,
  );
}
