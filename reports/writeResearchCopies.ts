import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { DateDay, Field, Int32, RecordBatch, RecordBatchFileWriter, Schema, Struct, Utf8, makeData, type Data } from 'apache-arrow';
import type { Db } from '../pipeline/db.js';
import { quotedIdentifier, quotedString } from '../pipeline/sql.js';

/** patient_gaps columns in contract order (docs/contracts.md) with their Arrow type. */
const COLUMNS: ReadonlyArray<{ name: string; kind: 'text' | 'int' | 'date' }> = [
  { name: 'person_id', kind: 'text' },
  { name: 'episode_id', kind: 'text' },
  { name: 'index_date', kind: 'date' },
  { name: 'fracture_level', kind: 'text' },
  { name: 'age_at_index', kind: 'int' },
  { name: 'sex', kind: 'text' },
  { name: 'site', kind: 'text' },
  { name: 'payer', kind: 'text' },
  { name: 'rule_id', kind: 'text' },
  { name: 'status', kind: 'text' },
  { name: 'reason', kind: 'text' },
  { name: 'evidence_date', kind: 'date' },
  { name: 'evidence_code', kind: 'text' },
  { name: 'days_to_event', kind: 'int' },
  { name: 'due_date', kind: 'date' },
  { name: 'evidence_display', kind: 'text' },
];

/** Rows per Arrow record batch: bounds memory whatever the population size. */
const BATCH_ROWS = 65_536;

/** Text columns with few distinct values (codes, statuses, levels): see writeArrowCopy. */
const FEW_VALUES = new Set(['fracture_level', 'sex', 'site', 'payer', 'rule_id', 'status', 'reason', 'evidence_code', 'evidence_display']);

/**
 * The contract's sorted select over the table. For Arrow, dates are days since 1970-01-01 and the
 * columns named in `enums` are cast to the ENUM type given.
 */
function selectSql(table: string, arrow?: { enums: Map<string, string> }): string {
  const columns = COLUMNS.map(({ name, kind }) => {
    const column = quotedIdentifier(name);
    if (arrow && kind === 'date') return `(${column} - date '1970-01-01')::integer as ${column}`;
    const enumType = arrow?.enums.get(name);
    return enumType ? `cast(${column} as ${enumType}) as ${column}` : column;
  });
  return `select ${columns.join(', ')} from ${quotedIdentifier(table)} order by person_id, index_date, rule_id`;
}

/**
 * One ENUM type per few-valued text column that has values (an ENUM cannot be empty). DuckDB
 * then hands JS each value as an index into a list of strings made once, instead of text decoded
 * row by row: the copy's cost is mostly that decoding.
 */
async function createEnumTypes(db: Db, table: string): Promise<Map<string, string>> {
  const enums = new Map<string, string>();
  for (const name of FEW_VALUES) {
    const column = quotedIdentifier(name);
    const present = await db.one<{ n: number }>(`select count(distinct ${column})::integer as n from ${quotedIdentifier(table)}`);
    if ((present?.n ?? 0) === 0) continue;
    const type = `__arrow_${name}`;
    await db.run(`create or replace type ${type} as enum (select distinct ${column} from ${quotedIdentifier(table)} where ${column} is not null order by 1)`);
    enums.set(name, type);
  }
  return enums;
}

/**
 * Writes patient_gaps as Parquet with DuckDB's COPY (nothing passes through JS), columns in
 * contract order, sorted by person_id, index_date, rule_id. The run can reuse it for its own
 * patient_gaps.parquet.
 */
export async function writeParquetCopy(db: Db, path: string, table = 'patient_gaps'): Promise<void> {
  await db.run(`copy (${selectSql(table)}) to ${quotedString(path)} (format parquet, compression zstd)`);
}

/**
 * Writes patient_gaps as an Arrow IPC file (`.arrow`, the random-access "file" format that
 * pyarrow.ipc.open_file, R arrow::read_ipc_file and DuckDB read), streamed: DuckDB chunks are
 * gathered into record batches of up to 65,536 rows, each built directly into Arrow buffers,
 * written and dropped before the next.
 * Dates are Arrow date32 (DateDay), integers int32, text utf8; nulls are kept.
 */
export async function writeArrowCopy(db: Db, path: string, table = 'patient_gaps'): Promise<void> {
  const schema = new Schema(COLUMNS.map(({ name, kind }) => new Field(name, kind === 'text' ? new Utf8() : kind === 'int' ? new Int32() : new DateDay(), true)));
  const writer = new RecordBatchFileWriter();
  const out = createWriteStream(path);
  writer.toNodeStream().pipe(out);
  const enums = await createEnumTypes(db, table);
  const result = await db.connection.stream(selectSql(table, { enums }));
  let buffers: unknown[][] = COLUMNS.map(() => []);
  let rows = 0;
  const flush = (): void => {
    if (rows === 0) return;
    const children = COLUMNS.map(({ kind }, index) => columnData(kind, buffers[index]!));
    writer.write(new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows, nullCount: 0, children })));
    buffers = COLUMNS.map(() => []);
    rows = 0;
  };
  try {
    for (;;) {
      const chunk = await result.fetchChunk();
      // rowCount is a call into DuckDB: read it once per chunk, not once per value.
      const chunkRows = chunk?.rowCount ?? 0;
      if (!chunk || chunkRows === 0) break;
      COLUMNS.forEach((_, index) => {
        const vector = chunk.getColumnVector(index);
        const target = buffers[index]!;
        for (let row = 0; row < chunkRows; row++) {
          const value = vector.getItem(row);
          target.push(value === null ? null : typeof value === 'string' || typeof value === 'number' ? value : String(value));
        }
      });
      rows += chunkRows;
      if (rows >= BATCH_ROWS) flush();
    }
    flush();
    writer.finish();
  } finally {
    writer.close();
    await finished(out);
    for (const type of enums.values()) await db.run(`drop type if exists ${type}`);
  }
}

/** Validity bitmap (bit set = not null) and null count of a column's values. */
function validity(values: ReadonlyArray<unknown>): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  values.forEach((value, row) => {
    if (value === null) nullCount += 1;
    else nullBitmap[row >> 3]! |= 1 << (row & 7);
  });
  return { nullBitmap, nullCount };
}

/**
 * Arrow data for one column of a batch, built straight into Arrow's buffers (offsets, UTF-8 bytes,
 * int32 values): several times faster than Arrow's generic builders on millions of rows.
 */
function columnData(kind: 'text' | 'int' | 'date', values: ReadonlyArray<unknown>): Data {
  const { nullBitmap, nullCount } = validity(values);
  if (kind !== 'text') {
    const data = Int32Array.from(values, (value) => (value === null ? 0 : (value as number)));
    const props = { length: values.length, nullCount, nullBitmap, data };
    return kind === 'int' ? makeData({ type: new Int32(), ...props }) : makeData({ type: new DateDay(), ...props });
  }
  const valueOffsets = new Int32Array(values.length + 1);
  let bytes = 0;
  values.forEach((value, row) => {
    if (value !== null) bytes += Buffer.byteLength(value as string, 'utf8');
    valueOffsets[row + 1] = bytes;
  });
  const data = Buffer.allocUnsafe(bytes);
  values.forEach((value, row) => {
    if (value !== null) data.write(value as string, valueOffsets[row]!, 'utf8');
  });
  return makeData({ type: new Utf8(), length: values.length, nullCount, nullBitmap, valueOffsets, data: new Uint8Array(data.buffer, data.byteOffset, bytes) });
}
