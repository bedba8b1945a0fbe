import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Row } from '../../db.js';
import { interruptOnSignal, throwIfInterrupted } from '../../interruption.js';
import { quotedIdentifier } from '../../sql.js';
import { toPositional } from './namedParams.js';

const dateOid = 1082;
const timestampOid = 1114;
const timestamptzOid = 1184;

/** DATE as 'YYYY-MM-DD' text and BIGINT as text (pg's default), like Db.all's JSON-friendly rows. */
function typeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === dateOid || oid === timestampOid || oid === timestamptzOid) return (value: string) => value;
  return pg.types.getTypeParser(oid, format as 'text');
}

/** A parameter value as pg binds it: DuckDB list values (`.items`) become arrays. */
function bindable(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'items' in value && Array.isArray((value as { items: unknown }).items)) {
    return (value as { items: unknown[] }).items.map(bindable);
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/**
 * The PostgreSQL engine's door, with the methods of Db (pipeline/db.ts) the rule pack and the
 * loaders use: run, all, one, columns, version; `$name` parameters are rewritten to positional ones
 * (namedParams.ts). One connection, whose search_path is the run's working schema, so every
 * unqualified table and cg_* function is the run's own. A signal cancels the running statement
 * (pg_cancel_backend from a second connection) and the run unwinds through its clean-up.
 */
export class PgDb {
  readonly engine = 'postgres' as const;
  private readonly stopInterrupting: () => void;

  private constructor(
    readonly client: pg.Client,
    private readonly connectionString: string,
    private readonly backendPid: number,
  ) {
    this.stopInterrupting = interruptOnSignal(() => void this.cancel());
  }

  /** Connects; the caller sets the search path. The URL's password, or PGPASSWORD, is used by pg. */
  static async connect(connectionString: string): Promise<PgDb> {
    throwIfInterrupted();
    const client = new pg.Client({ connectionString, types: { getTypeParser: typeParser as never }, application_name: 'caregap' });
    await client.connect();
    const row = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    return new PgDb(client, connectionString, row.rows[0]!.pid);
  }

  /** Asks the server to cancel this connection's running statement (from a second connection). */
  private async cancel(): Promise<void> {
    const other = new pg.Client({ connectionString: this.connectionString });
    try {
      await other.connect();
      await other.query('select pg_cancel_backend($1)', [this.backendPid]);
    } catch {
      // The server may be gone; the unwind timer still applies.
    } finally {
      await other.end().catch(() => undefined);
    }
  }

  private async query(sql: string, params?: Record<string, unknown>): Promise<pg.QueryResult<Row>> {
    throwIfInterrupted();
    if (params === undefined) return this.client.query<Row>(sql);
    const { text, values } = toPositional(sql, params);
    return this.client.query<Row>(text, values.map(bindable));
  }

  /** Runs one or more statements (several only without parameters). */
  async run(sql: string, params?: Record<string, unknown>): Promise<void> {
    await this.query(sql, params);
  }

  async all<T extends Row = Row>(sql: string, params?: Record<string, unknown>): Promise<T[]> {
    const result = await this.query(sql, params);
    return result.rows as T[];
  }

  async one<T extends Row = Row>(sql: string, params?: Record<string, unknown>): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
  }

  /** Column names of a table, view or parenthesised query, in order. */
  async columns(relation: string): Promise<string[]> {
    const result = await this.query(`select * from ${relation} as relation_columns limit 0`);
    return result.fields.map((field) => field.name);
  }

  async version(): Promise<string> {
    const row = await this.one<{ v: string }>('select version() as v');
    return row?.v ?? 'unknown';
  }

  /** Streams `copy (<query>) to stdout with (<options>)` into a writable stream. */
  async copyOut(query: string, options: string, into: Writable): Promise<void> {
    throwIfInterrupted();
    await pipeline(this.client.query(copyTo(`copy (${query}) to stdout with (${options})`)), into);
  }

  /** Sets the connection's search path to one schema (its tables and functions first, then pg_catalog). */
  async useSchema(schema: string): Promise<void> {
    await this.run(`set search_path to ${quotedIdentifier(schema)}`);
  }

  async close(): Promise<void> {
    this.stopInterrupting();
    await this.client.end().catch(() => undefined);
  }
}
