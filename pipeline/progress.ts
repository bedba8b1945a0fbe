/** Where a run reports its stages: a terminal gets text, `--log-format json` gets one JSON line each. */
export interface ProgressOptions {
  quiet: boolean;
  logFormat: 'text' | 'json';
  /** Whether stderr is a terminal (text progress is shown only there). */
  isTty: boolean;
  write?: (line: string) => void;
}

/** One finished stage of a run. */
export interface StageTiming {
  stage: string;
  ms: number;
  rows?: number;
}

/**
 * Reports stages on stderr and keeps their timings for the manifest. Never prints patient data:
 * only stage names, file names, row counts and times.
 */
export class Progress {
  readonly timings: StageTiming[] = [];
  private readonly started = performance.now();
  private readonly write: (line: string) => void;

  constructor(private readonly options: ProgressOptions) {
    this.write = options.write ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /** Runs `fn` as a named stage and records how long it took. */
  async stage<T>(stage: string, fn: () => Promise<T>, rowsOf?: (result: T) => number): Promise<T> {
    const begun = performance.now();
    const result = await fn();
    this.record({ stage, ms: performance.now() - begun, rows: rowsOf?.(result) });
    return result;
  }

  /** Records a stage timed elsewhere. */
  record(timing: StageTiming): void {
    const entry: StageTiming = { stage: timing.stage, ms: Math.round(timing.ms) };
    if (timing.rows !== undefined) entry.rows = timing.rows;
    this.timings.push(entry);
    this.emit(entry);
  }

  /** A free-text note (text mode only), e.g. where the reports went. */
  note(message: string): void {
    if (this.options.quiet) return;
    if (this.options.logFormat === 'json') this.write(JSON.stringify({ note: message }));
    else if (this.options.isTty) this.write(message);
  }

  /**
   * The run's closing summary line: printed unless quiet, also when stderr is not a terminal (CI and
   * cron logs must show a run happened). A JSON object under --log-format json.
   */
  summary(message: string): void {
    if (this.options.quiet) return;
    this.write(this.options.logFormat === 'json' ? JSON.stringify({ summary: message }) : message);
  }

  /** A warning about the run's results: one line on stderr whether or not it is a terminal; silenced by --quiet. */
  warn(code: string, message: string): void {
    if (this.options.quiet) return;
    if (this.options.logFormat === 'json') this.write(JSON.stringify({ warning: code, message }));
    else this.write(`caregap: warning: ${message}`);
  }

  private emit(entry: StageTiming): void {
    if (this.options.quiet) return;
    const elapsed = (performance.now() - this.started) / 1000;
    if (this.options.logFormat === 'json') {
      this.write(JSON.stringify({ ...entry, elapsed_s: Number(elapsed.toFixed(3)) }));
      return;
    }
    if (!this.options.isTty) return;
    const rate = entry.rows !== undefined && entry.ms > 0 ? `, ${Math.round((entry.rows * 1000) / entry.ms).toLocaleString('en-US')} rows/s` : '';
    const rows = entry.rows !== undefined ? ` ${entry.rows.toLocaleString('en-US')} rows${rate}` : '';
    this.write(`[${elapsed.toFixed(1).padStart(6)}s] ${entry.stage}: ${(entry.ms / 1000).toFixed(2)}s${rows}`);
  }
}
