import { describe, expect, it } from 'vitest';
import { CsvShape } from '../../pipeline/loaders/csvShape.js';
import { LineSplitter } from '../../pipeline/loaders/csvSyntax.js';

// Files stream through in 1 MB chunks, so every check must give the same answer wherever a chunk
// happens to end: between CR and LF, between the two quotes of "", inside a UTF-8 character, between
// two line feeds. Each text is fed whole and then cut into pieces of every size from 1 to 7 bytes.

function pieces(text: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let at = 0; at < text.length; at += size) parts.push(text.subarray(at, at + size));
  return parts;
}

function shapeOf(parts: Buffer[]): { problem: string | null; records: number | null } {
  const shape = new CsvShape(0x2c);
  for (const part of parts) shape.push(part);
  shape.end();
  return { problem: shape.problem, records: shape.records() };
}

function linesOf(parts: Buffer[]): string[] {
  const splitter = new LineSplitter(1024);
  const lines = parts.flatMap((part) => splitter.push(part));
  return [...lines, ...splitter.end()].map((line) => `${line.line}:${line.bytes.toString('utf8')}`);
}

const shapes: [name: string, text: string | Buffer, problem: string | null, records: number | null][] = [
  ['simple, CRLF, quotes with "" inside', 'a,b\r\n"x ""y""",2\r\n"",3\r\n', null, 2],
  ['simple, no final newline', 'a,b\n1,2\n3,4', null, 2],
  ['simple, empty lines only at the end', 'a,b\n1,2\n\n\r\n', null, 1],
  ['a quote inside an unquoted field is text', 'a,b\nx"y,2\n', null, 1],
  ['an empty line before a row', 'a,b\n1,2\n\n3,4\n', 'an empty line', null],
  ['a quoted newline', 'a,b\n"1\n2",3\n', 'a quoted field spanning lines or an unterminated quote', null],
  ['an unterminated quote on the last line', 'a,b\n1,"2', 'an unterminated quote', null],
  ['a lone CR', 'a,b\r1,2\r', 'a lone CR line ending', null],
  ['a NUL byte', 'a,b\n1,\u00002\n', 'a NUL byte', null],
  ['a two-byte character is fine', 'a,b\n1,Malmö\n', null, 1],
  ['invalid UTF-8', Buffer.concat([Buffer.from('a,b\n1,Malm'), Buffer.from([0xf6]), Buffer.from('\n2,3\n')]), 'invalid UTF-8', null],
  ['an empty first line', '\na,b\n1,2\n', 'an empty first line', null],
];

describe('CsvShape gives the same verdict however the file is cut into chunks', () => {
  it.each(shapes)('%s', (_, text, problem, records) => {
    const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
    expect(shapeOf([bytes])).toEqual({ problem, records });
    for (let size = 1; size <= 7; size += 1) expect(shapeOf(pieces(bytes, size))).toEqual({ problem, records });
  });
});

describe('LineSplitter numbers physical lines however the file is cut into chunks', () => {
  it('splits on LF, CRLF and a lone CR, keeping empty lines and a last line without newline', () => {
    const bytes = Buffer.from('a\r\nb\rc\n\nd\r\r\ne');
    const expected = ['1:a', '2:b', '3:c', '4:', '5:d', '6:', '7:e'];
    expect(linesOf([bytes])).toEqual(expected);
    for (let size = 1; size <= 5; size += 1) expect(linesOf(pieces(bytes, size))).toEqual(expected);
  });

  it('keeps only the start of a line over the limit and flags it', () => {
    const splitter = new LineSplitter(4);
    const lines = [...splitter.push(Buffer.from('123456789\nab\n')), ...splitter.end()];
    expect(lines.map((line) => [line.line, line.bytes.toString(), line.tooLong])).toEqual([
      [1, '1234', true],
      [2, 'ab', false],
    ]);
  });
});
