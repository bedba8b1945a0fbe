import { isUtf8 } from 'node:buffer';

/**
 * Decides, while the file streams past once, whether DuckDB's CSV reader can be trusted with it:
 * one physical line per record (no quoted newline, no unterminated quote), no empty line before the
 * last record (DuckDB skips them without counting, which shifts its line numbers), no lone CR, no
 * NUL byte, no invalid UTF-8 (DuckDB lets some through) and no line near DuckDB's line-size limit.
 * Such a file's record n sits on physical line n + 1, so DuckDB's own line numbers are the physical
 * ones. Any other file is read by csvCareful.ts.
 *
 * Cost: a few native scans per chunk (`indexOf`, `isUtf8`); quoted fields are followed by jumping
 * from quote to quote, so a file that quotes every field costs more than one that quotes none.
 */
export class CsvShape {
  /** Why the file is not simple, or null while it still is. */
  problem: string | null = null;
  /** Line feeds seen (a simple file's lines end in LF or CRLF). */
  private lineFeeds = 0;
  /** The file's last bytes, to count the empty lines at its end. */
  private tail = Buffer.alloc(0);
  private inQuote = false;
  private atFieldStart = true;
  /** The previous chunk ended inside a quoted field on a quote: maybe the first of `""`. */
  private pendingQuote = false;
  private lastByte = -1;
  private secondLastByte = -1;
  private blankSeen = false;
  private lineBytes = 0;
  /** The bytes after the last newline seen, not yet checked as UTF-8. */
  private carry = Buffer.alloc(0);
  private started = false;

  constructor(
    private readonly delimiter: number,
    private readonly maxLineBytes = 4 * 1024 * 1024,
  ) {}

  push(chunk: Buffer): void {
    if (this.problem !== null || chunk.length === 0) return;
    if (!this.started) {
      this.started = true;
      if (chunk[0] === 0x0a || chunk[0] === 0x0d) return this.fail('an empty first line');
    }
    if (chunk.indexOf(0) !== -1) return this.fail('a NUL byte');
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) this.lineFeeds += 1;
    this.tail = Buffer.concat([this.tail, chunk.subarray(Math.max(0, chunk.length - 64))]).subarray(-64);
    this.checkCr(chunk);
    this.checkUtf8(chunk);
    this.checkBlankLines(chunk);
    this.checkLineLength(chunk);
    if (this.problem === null && (this.inQuote || this.pendingQuote || chunk.indexOf(0x22) !== -1)) this.walkQuotes(chunk);
    else if (this.problem === null) {
      const last = chunk[chunk.length - 1];
      this.atFieldStart = last === this.delimiter || last === 0x0a || last === 0x0d;
    }
    this.secondLastByte = chunk.length > 1 ? chunk[chunk.length - 2] : this.lastByte;
    this.lastByte = chunk[chunk.length - 1];
  }

  end(): void {
    if (this.problem === null && !isUtf8(this.carry)) this.fail('invalid UTF-8');
    // A quote still open at the end of the file (a closing quote as the very last byte is fine).
    if (this.problem === null && this.inQuote && !this.pendingQuote) this.fail('an unterminated quote');
  }

  /**
   * The data records of a simple file (its non-empty lines less the header), to check DuckDB's
   * count against; null when the file is not simple. Empty lines can only be at the end.
   */
  records(): number | null {
    if (this.problem !== null) return null;
    if (this.tail.length === 0) return 0;
    let trailing = this.tail.length;
    while (trailing > 0 && (this.tail[trailing - 1] === 0x0a || this.tail[trailing - 1] === 0x0d)) trailing -= 1;
    // Only line endings in the last 64 bytes: too many empty lines to count here (careful reader).
    if (trailing === 0 && this.lineFeeds > 0) return null;
    let endingFeeds = 0;
    for (let index = trailing; index < this.tail.length; index += 1) if (this.tail[index] === 0x0a) endingFeeds += 1;
    const contentLines = this.lineFeeds - endingFeeds + 1;
    return Math.max(0, contentLines - 1);
  }

  private fail(problem: string): void {
    this.problem = problem;
  }

  /**
   * DuckDB's reader lets some invalid UTF-8 through into text columns, so the careful reader
   * takes any file that has it. Checked natively, whole lines at a time (a chunk can end inside a
   * multi-byte character; a newline cannot).
   */
  private checkUtf8(chunk: Buffer): void {
    const first = chunk.indexOf(0x0a);
    if (first === -1) {
      this.carry = Buffer.concat([this.carry, chunk]);
      if (this.carry.length > this.maxLineBytes) this.fail('a very long line');
      return;
    }
    const last = chunk.lastIndexOf(0x0a);
    if (!isUtf8(Buffer.concat([this.carry, chunk.subarray(0, first)])) || !isUtf8(chunk.subarray(first, last))) {
      return this.fail('invalid UTF-8');
    }
    this.carry = Buffer.from(chunk.subarray(last + 1));
  }

  private checkCr(chunk: Buffer): void {
    if (this.lastByte === 0x0d && chunk[0] !== 0x0a) return this.fail('a lone CR line ending');
    for (let at = chunk.indexOf(0x0d); at !== -1; at = chunk.indexOf(0x0d, at + 1)) {
      if (at + 1 < chunk.length && chunk[at + 1] !== 0x0a) return this.fail('a lone CR line ending');
    }
  }

  private checkBlankLines(chunk: Buffer): void {
    if (this.blankSeen) {
      if (hasContent(chunk, 0)) this.fail('an empty line');
      return;
    }
    // Join the previous chunk's last two bytes to this one's first two to catch a split pair.
    const seam = Buffer.from([this.secondLastByte, this.lastByte, chunk[0] ?? 0, chunk[1] ?? 0].filter((byte) => byte >= 0));
    const seamBlank = blankAt(seam);
    const blank = blankAt(chunk);
    if (seamBlank === -1 && blank === -1) return;
    this.blankSeen = true;
    if (hasContent(chunk, blank === -1 ? 0 : blank)) this.fail('an empty line');
  }

  private checkLineLength(chunk: Buffer): void {
    const first = chunk.indexOf(0x0a);
    if (first === -1) {
      this.lineBytes += chunk.length;
    } else {
      this.lineBytes += first;
      if (this.lineBytes > this.maxLineBytes) return this.fail('a very long line');
      this.lineBytes = chunk.length - chunk.lastIndexOf(0x0a) - 1;
    }
    if (this.lineBytes > this.maxLineBytes) this.fail('a very long line');
  }

  /**
   * Follows quoted fields through the chunk by jumping from quote to quote (native `indexOf`), so
   * the cost grows with the number of quotes, not of bytes. Fails at a line ending inside quotes.
   */
  private walkQuotes(chunk: Buffer): void {
    let index = 0;
    if (this.pendingQuote) {
      this.pendingQuote = false;
      if (chunk[0] === 0x22) index = 1; // `""`: an escaped quote, still inside the field
      else this.inQuote = false;
    }
    const delimiter = this.delimiter;
    let inQuote = this.inQuote;
    let lf = -2;
    let cr = -2;
    while (index < chunk.length) {
      if (inQuote) {
        const close = chunk.indexOf(0x22, index);
        if (lf !== -1 && lf < index) lf = chunk.indexOf(0x0a, index);
        if (cr !== -1 && cr < index) cr = chunk.indexOf(0x0d, index);
        const lineEnd = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
        if (lineEnd !== -1 && (close === -1 || lineEnd < close)) {
          this.inQuote = true;
          return this.fail('a quoted field spanning lines or an unterminated quote');
        }
        if (close === -1) break;
        if (close + 1 === chunk.length) {
          this.pendingQuote = true;
          break;
        }
        if (chunk[close + 1] === 0x22) {
          index = close + 2;
          continue;
        }
        inQuote = false;
        index = close + 1;
        continue;
      }
      const quote = chunk.indexOf(0x22, index);
      if (quote === -1) break;
      const before = chunk[quote - 1];
      // A quote inside an unquoted field is text; one at a field's start opens a quoted field.
      if (quote === 0 ? this.atFieldStart : before === delimiter || before === 0x0a || before === 0x0d) inQuote = true;
      index = quote + 1;
    }
    this.inQuote = inQuote;
    const last = chunk[chunk.length - 1];
    this.atFieldStart = !inQuote && (last === delimiter || last === 0x0a || last === 0x0d);
  }
}

/** Position of an empty line's terminator (LF LF or LF CR LF), or -1. */
function blankAt(buffer: Buffer): number {
  const lfLf = buffer.indexOf('\n\n');
  const lfCrLf = buffer.indexOf('\n\r\n');
  if (lfLf === -1) return lfCrLf;
  if (lfCrLf === -1) return lfLf;
  return Math.min(lfLf, lfCrLf);
}

/** Whether any byte from `from` on is something other than a line ending. */
function hasContent(buffer: Buffer, from: number): boolean {
  for (let index = from; index < buffer.length; index += 1) {
    if (buffer[index] !== 0x0a && buffer[index] !== 0x0d) return true;
  }
  return false;
}
