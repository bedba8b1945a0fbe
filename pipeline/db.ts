import { appendFileSync } from 'node:fs';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { interruptOnSignal, throwIfInterrupted } from './interruption.js';

/** Settings for the one DuckDB instance a run uses. */
export interface DbOptions {
  /** Worker threads; DuckDB's default (all cores) when omitted. */
  threads?: number;
  /** DuckDB memory_limit, e.g. "2GB". */
  memoryLimit?: string;
  /** Where DuckDB spills when over the memory limit. */
  tempDirectory?: string;
  /** Database file; in-memory when omitted. */
  path?: string;
  /** DuckDB checkpoint_threshold: the writes after which it checkpoints (compresses) on its own. */
  checkpointThreshold?: string;
}

/** A JSON-friendly row: BIGINT/HUGEINT come back as strings, DATE as 'YYYY-MM-DD'. */
export type Row = Record<string, unknown>;

/**
 * The project's only door to DuckDB. Everything else asks it to run SQL; values are bound as
 * `$name` parameters, and only file paths and identifiers are quoted into text (see quotedString).
 */
export class Db {
  /** Removes this connection from the signal handler's list (see interruption.ts). */
  private readonly stopInterrupting: () => void;

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    /** False for a fork: closing it closes its connection only, not the instance. */
    private readonly ownsInstance = true,
  ) {
    this.stopInterrupting = interruptOnSignal(() => connection.interrupt());
  }

  /**
   * A second connection to the same database, for a pass that can run beside this one's (DuckDB
   * runs statements of several connections at once, sharing its threads). It sees every table
   * committed before its statements start; close it when done (the instance stays open).
   */
  async fork(): Promise<Db> {
    throwIfInterrupted();
    return new Db(this.instance, await this.instance.connect(), false);
  }

  static async open(options: DbOptions = {}): Promise<Db> {
    throwIfInterrupted();
    const config: Record<string, string> = {};
    if (options.threads !== undefined) config.threads = String(options.threads);
    if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
    if (options.tempDirectory !== undefined) config.temp_directory = options.tempDirectory;
    if (options.checkpointThreshold !== undefined) config.checkpoint_threshold = options.checkpointThreshold;
    // Nothing may be fetched at run time: parquet, json and icu are built in.
    config.autoinstall_known_extensions = 'false';
    config.autoload_known_extensions = 'false';
    const instance = await DuckDBInstance.create(options.path ?? ':memory:', config);
    const connection = await instance.connect();
    return new Db(instance, connection);
  }

  /** Runs one or more statements that return nothing of interest. */
  async run(sql: string, params?: Record<string, DuckDBValue>): Promise<void> {
    throwIfInterrupted();
    const started = performance.now();
    const cpu = tracing ? process.cpuUsage() : undefined;
    if (params) await this.connection.run(sql, params);
    else await this.connection.run(sql);
    traceStatement(sql, started, cpu);
  }

  /** Runs a query and returns all rows as JSON-friendly objects (for small results only). */
  async all<T extends Row = Row>(sql: string, params?: Record<string, DuckDBValue>): Promise<T[]> {
    throwIfInterrupted();
    const started = performance.now();
    const cpu = tracing ? process.cpuUsage() : undefined;
    const reader = params
      ? await this.connection.runAndReadAll(sql, params)
      : await this.connection.runAndReadAll(sql);
    traceStatement(sql, started, cpu);
    return reader.getRowObjectsJson() as T[];
  }

  /** First row of a query, or undefined. */
  async one<T extends Row = Row>(sql: string, params?: Record<string, DuckDBValue>): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
  }

  /** Column names of a table or view, in order. */
  async columns(relation: string): Promise<string[]> {
    const rows = await this.all<{ column_name: string }>(`describe ${relation}`);
    return rows.map((row) => row.column_name);
  }

  async version(): Promise<string> {
    const row = await this.one<{ v: string }>('select version() as v');
    return row?.v ?? 'unknown';
  }

  close(): void {
    this.stopInterrupting();
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }

}

const tracing = Boolean(process.env.CAREGAP_TRACE_SQL);

/**
 * Profiling aid: with CAREGAP_TRACE_SQL=<file>, every statement's duration, the process CPU time it
 * took (every thread's, so DuckDB's workers and any JavaScript that ran meanwhile) and the start of
 * its SQL text (never a parameter value, so no patient data) is appended to the file as a JSON line.
 */
function traceStatement(sql: string, started: number, cpuBefore?: NodeJS.CpuUsage): void {
  const target = process.env.CAREGAP_TRACE_SQL;
  if (!target) return;
  const ms = Math.round(performance.now() - started);
  const used = cpuBefore ? process.cpuUsage(cpuBefore) : undefined;
  const cpu = used ? Math.round((used.user + used.system) / 1000) : undefined;
  // `at`: ms since the process started when the statement ended, to place it on the run's timeline.
  const at = Math.round(performance.now());
  appendFileSync(target, `${JSON.stringify({ at, ms, cpu, sql: process.env.CAREGAP_TRACE_SQL_FULL ? sql : sql.replace(/\s+/g, ' ').trim().slice(0, 160) })}\n`);
}

/** Opens a Db, hands it to `fn`, and always closes it. */
export async function withDb<T>(options: DbOptions, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await Db.open(options);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}
