import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db.js';
import { UsageError } from '../errors.js';
import { projectRoot } from '../projectRoot.js';
import { buildPersonsFromEligibility } from './claimsFormat.js';
import { detectFormat, listDataFiles, matchesSource, type InputFormat } from './discover.js';
import { linkEventsToStays } from './eventsFormat.js';
import { formats } from './formats.js';
import { columnLayout } from './columnLayout.js';
import { describeInput, type InputFile } from './inputFile.js';
import { isGzipName } from './csvHeader.js';
import { scanInput, type InputScan } from './inputScan.js';
import { definePlainDateMacros, textShapeOf } from './plainDateMacros.js';
import { readNdjson } from './ndjsonTable.js';
import { storeFhirTaggingEvents } from './fhirTaggingEvents.js';
import { omopConceptDdl } from './omopCodes.js';
import { rejectEventsBeforeBirth } from './beforeBirth.js';
import { probeNames, readRaw, unreadableParquet, type PreparedFile } from './rawTable.js';
import type { SourceSpec } from './sourceSpec.js';
import { keepAllCodes, type RelevantCodes } from './relevantCodes.js';
import { countClaimsDataQuality, countClaimsRows, finishClaims, type ClaimsEventFile } from './claimsFinish.js';

/** What the manifest says about one input file; rowsRead = rowsLoaded + rowsRejected. */
export interface FileLedger {
  file: string;
  role: string;
  sizeBytes: number;
  sha256: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
}

export interface LoadResult {
  format: InputFormat;
  files: FileLedger[];
  /** Data files in the folder that no source of the format reads. */
  ignoredFiles: string[];
  /** Rows in each canonical table after loading. */
  tableRows: Record<string, number>;
  /** Data-quality counts that do not reject a row. */
  dataQuality: Record<string, number>;
}

export interface LoadOptions {
  inputDir: string;
  format?: InputFormat;
  /** Called after each file with its ledger entry (progress reporting). */
  onFile?: (entry: FileLedger, ms: number) => void;
  /** The run's --as-of, when given: it extends the latest plausible date when later than today. */
  asOf?: string | null;
  /** `careful`: read every CSV file with the JavaScript reader (tests compare it with DuckDB's). */
  csvReader?: 'auto' | 'careful';
  /**
   * Which codes can match a value set (relevantCodes.ts), when the value sets were loaded first:
   * claims loaders then store only those events for tagging. Default: every event.
   */
  relevant?: RelevantCodes;
  /** Claims: keep clinical_event as a table of every event instead of a view (debugging, explain). */
  materializeCanonical?: boolean;
  /**
   * Claims: false drops each file's working copies as soon as the file is loaded (a CSV file's text
   * copy holds every column of every row: kept, DuckDB's checkpoints compressed it and a large load
   * spilled), so no `clinical_event` view exists afterwards. A run passes false unless it
   * materialises the canonical layer: nothing in a run reads clinical_event for claims (tagging reads
   * tagging_event). Default true (the view is there, for tests and tools).
   */
  claimsEventView?: boolean;
}

function sqlFile(name: string): string {
  return readFileSync(join(projectRoot(), 'pipeline', 'sql', name), 'utf8');
}

/** Today's date on this machine, YYYY-MM-DD (local time: the day the run happens where it runs). */
export function runDate(): string {
  const now = new Date();
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The latest plausible date in an input (docs/canonical-tables.md, "Implausible dates"): the run
 * date, or `asOf` when that is later (date-shifted research extracts such as MIMIC-IV lie in the
 * 2100s; their users give an as_of in the extract's own time).
 */
export function latestPlausibleDate(asOf?: string | null): string {
  const today = runDate();
  return asOf !== undefined && asOf !== null && asOf > today ? asOf : today;
}

/**
 * Creates the canonical tables, the reject ledger and the loaders' macros in an empty database.
 * `latestDate` (YYYY-MM-DD, default the run date) bounds the dates the loaders accept.
 */
export async function createCanonicalSchema(db: Db, latestDate = runDate()): Promise<void> {
  await db.run(`create or replace macro cg_latest_date() as date '${latestDate.replace(/[^0-9-]/g, '')}'`);
  // cg_date (macros.sql) reads plain dates through these; each file redefines them (loadInputs).
  await definePlainDateMacros(db, 'dictionary');
  await db.run(sqlFile('macros.sql'));
  await db.run(sqlFile('canonical.sql'));
  await db.run(sqlFile('ledger.sql'));
}

/**
 * Loads an input folder into the canonical tables. Every header is checked before any row is loaded
 * (a missing required column, or one read twice, is a UsageError naming file and column), and every
 * gzip file is decompressed whole (a truncated or corrupt one is a RunError naming it). Then each file
 * is read (CSV by DuckDB, or by csvCareful.ts when DuckDB would misnumber it; Parquet by DuckDB),
 * validated in SQL, and its rows loaded or rejected into `load_reject` at their physical lines; events
 * dated before their person's birth are rejected last (beforeBirth.ts).
 */
export async function loadInputs(db: Db, options: LoadOptions): Promise<LoadResult> {
  const names = listDataFiles(options.inputDir);
  const format = options.format ?? detectFormat(names, formats);
  const specs = formats[format];
  if (specs.length === 0) throw new UsageError(`format ${format} is not supported yet`);

  const plan: { spec: SourceSpec; file: InputFile }[] = [];
  const claimed = new Set<string>();
  for (const spec of specs) {
    const matching = names.filter((name) => !claimed.has(name) && matchesSource(name, spec));
    if (matching.length === 0 && spec.mandatory) {
      throw new UsageError(`no ${spec.role} file in ${options.inputDir} (expected a name like ${spec.stems[0]}.csv)`);
    }
    for (const name of matching) {
      claimed.add(name);
      plan.push({ spec, file: describeInput(join(options.inputDir, name), name, spec.role) });
    }
  }

  await createCanonicalSchema(db, latestPlausibleDate(options.asOf));
  // Every header first: a missing or repeated column stops the run before any long read.
  const layouts: Omit<PreparedFile, 'scan'>[] = [];
  for (const { spec, file } of plan) {
    if (file.kind === 'ndjson') {
      layouts.push({ layout: { names: [], positions: new Map() } }); // checked row by row instead
      continue;
    }
    const { names, header } = await probeNames(db, file);
    layouts.push({ header, layout: columnLayout(file, names, spec.columns, spec.requiredColumns) });
  }
  // A gzip file is decompressed whole before any row is loaded: a truncated or corrupt one fails the
  // run here (DuckDB does not check the gzip CRC). Other files are scanned while DuckDB reads them.
  const gzipScans = new Map<number, InputScan>();
  for (const [position, { file }] of plan.entries()) {
    if (isGzipName(file.path)) gzipScans.set(position, await scanInput(file, layouts[position].header?.delimiter ?? ','));
  }

  // Claims: clinical_event as a table, a view over the files' work tables, or none (tables dropped).
  const eventRelation = options.materializeCanonical ? 'table' : (options.claimsEventView ?? true) ? 'view' : 'none';
  if (format === 'claims') {
    // Claims events are not all stored: tagging reads a table of the relevant ones (claimsEvents.ts).
    await db.run('create table claims_before_birth (file varchar, line bigint, event_date date)');
    await db.run('drop view tagging_event');
    await db.run('create table tagging_event as select 0::bigint as event_id, * from clinical_event where false');
  }
  const eventFiles: ClaimsEventFile[] = [];
  const eligibilityIndexes: number[] = [];
  if (format === 'omop') await db.run(omopConceptDdl);
  const files: FileLedger[] = [];
  let index = 0;
  for (const { spec, file } of plan) {
    const started = performance.now();
    const known = layouts[index];
    const scanning = gzipScans.get(index) ?? scanInput(file, known.header?.delimiter ?? ',');
    // Settled later; a rejection here must not go unhandled while DuckDB reads.
    Promise.resolve(scanning).catch(() => undefined);
    const ready: PreparedFile = { ...known, scan: Promise.resolve(scanning) };
    // A gzip file already scanned and not simple goes straight to the careful reader.
    const carefulGzip = (gzipScans.get(index)?.csvProblem ?? null) !== null;
    let raw;
    let rejected;
    // The date checks' fast path in the form that is cheaper for this file's text.
    await definePlainDateMacros(db, textShapeOf(file.kind));
    try {
      raw =
        format === 'fhir'
          ? await readNdjson(db, file, index, spec.ndjsonParse)
          : await readRaw(db, file, spec.columns, index, ready, options.csvReader === 'careful' || carefulGzip);
      ({ rejected } = await spec.load(db, raw, file, `stage_${index}`, {
        index,
        relevant: options.relevant ?? keepAllCodes,
        eventView: eventRelation !== 'none',
      }));
    } catch (error) {
      // A Parquet file is read lazily: a corrupt page surfaces in the loader's statements.
      if (file.kind === 'parquet') throw unreadableParquet(file, error);
      throw error;
    }
    const rowsRejected = rejected + raw.structuralRejects;
    const entry: FileLedger = {
      file: file.name,
      role: spec.role,
      sizeBytes: file.sizeBytes,
      sha256: (await ready.scan).sha256,
      rowsRead: raw.rowsRead,
      rowsLoaded: raw.rowsRead - rowsRejected,
      rowsRejected,
    };
    files.push(entry);
    if (spec.role === 'medical_claim' || spec.role === 'pharmacy_claim') eventFiles.push({ index, file: file.name, role: spec.role });
    if (format === 'claims' && spec.role === 'eligibility') eligibilityIndexes.push(index);
    // A claims file's events stay a view over its work tables (clinical_event_<n>) when asked for.
    if (format !== 'claims' || spec.role === 'eligibility') await dropWorkTables(db, index);
    else if (eventRelation === 'none') await dropClaimsFileViews(db, index);
    options.onFile?.(entry, performance.now() - started);
    index += 1;
  }

  if (format === 'claims') {
    await buildPersonsFromEligibility(db, eligibilityIndexes);
    await finishClaims(db, eventFiles, files, eventRelation);
    await addPersonsSeenOnlyInEvents(db, 'claims_event_person');
    const result: LoadResult = {
      format,
      files,
      ignoredFiles: names.filter((name) => !claimed.has(name)),
      tableRows: await countClaimsRows(db),
      dataQuality: await countClaimsDataQuality(db),
    };
    if (eventRelation === 'none') await dropMedicalLineTables(db, eventFiles);
    return result;
  }
  await rejectEventsBeforeBirth(db, files);
  if (format === 'events') await linkEventsToStays(db);
  await addPersonsSeenOnlyInEvents(db);
  if (format === 'fhir') await storeFhirTaggingEvents(db, options.relevant ?? keepAllCodes);

  return {
    format,
    files,
    ignoredFiles: names.filter((name) => !claimed.has(name)),
    tableRows: await countCanonicalRows(db),
    dataQuality: await countDataQuality(db),
  };
}

/**
 * Once a claims load is counted, and no clinical_event view is kept over them, nothing reads the
 * medical files' line tables again (the pharmacy ones stay: canonical_drug_event reads them). They
 * are the largest tables of a run: at 1M persons DuckDB's automatic checkpoint spent 1.6 s
 * compressing them inside a later, unrelated statement.
 */
async function dropMedicalLineTables(db: Db, eventFiles: ClaimsEventFile[]): Promise<void> {
  await db.run('drop view if exists claims_event_person');
  await db.run('drop table if exists claims_line_check');
  await db.run('drop view if exists claims_event_line');
  for (const entry of eventFiles.filter((file) => file.role === 'medical_claim')) {
    await db.run(`drop table if exists event_line_${entry.index}`);
  }
}

/** Drops a claims file's event view, then its work tables (a CSV file's text copy among them). */
async function dropClaimsFileViews(db: Db, index: number): Promise<void> {
  await db.run(`drop view if exists clinical_event_${index}`);
  await dropWorkTables(db, index);
}

async function dropWorkTables(db: Db, index: number): Promise<void> {
  const rows = await db.all<{ name: string; kind: string }>(
    `select table_name as name, table_type as kind from information_schema.tables
     where regexp_matches(table_name, $pattern)`,
    { pattern: `^(raw|src|stage|csvrej)_${index}(_.*)?$` },
  );
  for (const row of rows.filter((r) => r.kind === 'VIEW')) await db.run(`drop view if exists "${row.name}"`);
  for (const row of rows.filter((r) => r.kind !== 'VIEW')) await db.run(`drop table if exists "${row.name}"`);
}

/** Persons with events or coverage but no person row still form episodes (with unknown attributes). */
async function addPersonsSeenOnlyInEvents(db: Db, events = 'clinical_event'): Promise<void> {
  // Each source's persons missing from person (anti joins), then deduplicated.
  await db.run(`
    insert into person (person_id)
    select distinct person_id from (
        select person_id from ${events} anti join person using (person_id)
        union all select person_id from coverage anti join person using (person_id)
        union all select person_id from inpatient_stay anti join person using (person_id)
    )`);
}

/** Rows of each canonical table (manifest.json `canonical_rows`); portable SQL, the PostgreSQL engine runs it too. */
export const canonicalRowCountSql = `
    select (select count(*) from person)::integer as person,
           (select count(*) from coverage)::integer as coverage,
           (select count(*) from clinical_event)::integer as clinical_event,
           (select count(*) from inpatient_stay)::integer as inpatient_stay`;

async function countCanonicalRows(db: Db): Promise<Record<string, number>> {
  return (await db.one<Record<string, number>>(canonicalRowCountSql)) ?? {};
}

async function countDataQuality(db: Db): Promise<Record<string, number>> {
  const row = await db.one<Record<string, number>>(`
    select
      (select count(*) from clinical_event where code_system = 'NDC' and length(code) = 10)::integer
          as ndc_10_digit_unpadded,
      (select count(*) from clinical_event where code_system = 'NDC' and not regexp_full_match(code, '[0-9]{10,11}'))::integer
          as ndc_malformed,
      (select count(*) from clinical_event as event inner join person using (person_id)
        where event.event_date > person.death_date)::integer as events_after_death,
      (select count(*) from person where birth_date is null)::integer as persons_without_birth_date`);
  return row ?? {};
}
