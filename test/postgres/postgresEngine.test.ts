import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { loadInPostgres, createLoaderFunctions } from '../../pipeline/engines/postgres/loadInPostgres.js';
import { runInWorkingSchema } from '../../pipeline/engines/postgres/runPostgres.js';
import { PgDb } from '../../pipeline/engines/postgres/pgDb.js';
import { createCanonicalSchema, loadInputs } from '../../pipeline/loaders/loadInputs.js';
import { projectRoot } from '../../pipeline/projectRoot.js';
import { publicDataset } from '../helpers/publicDataset.js';
import { runCli } from '../helpers/runCli.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';
import { generatePopulation } from '../../sample-data/generator/generatePopulation.js';
import { copyCsvFolderIntoPostgres } from './copyCsvIntoPostgres.js';
import { rawValues } from './loaderFunctionCases.js';
import { ensurePostgres, startCluster, type PgCluster } from './pgCluster.js';

const postgres = ensurePostgres();
if (!postgres.binDir) console.warn(`SKIPPING PostgreSQL engine tests: ${postgres.reason}`);

const sampleClaims = join(projectRoot(), 'sample-data', 'claims');
const tuva = publicDataset('tuva-claims-demo-sample');

/**
 * A claims extract with one row per reject reason, each row's table sorted by its contract columns
 * in file order, so the PostgreSQL row number of a row is its file line minus the header's.
 */
const hostileClaims: Record<string, string> = {
  'eligibility.csv': [
    'person_id,gender,birth_date,death_date,enrollment_start_date,enrollment_end_date,payer',
    'P01,F,1940-01-01,,2015-01-01,,medicare',
    'P02,X,1940-01-01,,2015-01-01,,medicare',
    'P03,M,1940-02-30,,2015-01-01,,medicare',
    'P04,M,1940-01-01,,2016-01-01,2015-01-01,medicare',
    'P05,M,1940-01-01,9999-12-31,2015-01-01,9999-12-31,medicare',
    'P06,M,1940-01-01,,,,medicare',
    'P07,F,1940-01-01,,1850-01-01,,medicare',
    ',F,1940-01-01,,2015-01-01,,medicare',
  ].join('\n'),
  'medical_claim.csv': [
    'claim_id,claim_line_number,claim_type,person_id,claim_start_date,claim_end_date,admission_date,discharge_date,bill_type_code,place_of_service_code,hcpcs_code,service_unit_quantity,diagnosis_code_type,diagnosis_code_1,diagnosis_code_2,procedure_code_type,procedure_code_1,procedure_date_1',
    'C01,1,professional,P01,2020-03-01,2020-03-01,,,,11,99214,1,icd-10-cm,S32010A,M8008XA,,,',
    'C01,1,professional,P01,2020-03-01,2020-03-01,,,,11,99214,1,icd-10-cm,S32010A,M8008XA,,,',
    'C02,1,professional,P01,2020-13-01,2020-03-01,,,,11,99214,1,icd-10-cm,S32010A,,,,',
    'C03,1,institutional,P01,2020-03-05,2020-03-01,,,,11,,,icd-10-cm,S32010A,,,,',
    'C04,1,professional,P01,2020-03-01,2020-03-01,,,,11,J0897,-2,icd-10-cm,M8008XA,,,,',
    'C05,1,professional,P01,2020-03-01,2020-03-01,,,,11,ZZ,1,icd-10-cm,M8008XA,,,,',
    'C06,1,professional,P01,2020-03-01,2020-03-01,,,,11,,,icd-11,S32010A,,,,',
    'C07,1,professional,P01,2099-03-01,2099-03-01,,,,11,,,icd-10-cm,S32010A,,,,',
    'C08,1,institutional,P02,2020-03-01,2020-03-04,2020-03-01,2020-03-04,111,,,,icd-10-cm,S32010A,,icd-10-pcs,0QS734Z,2020-03-02',
    'C09,1,professional,P01,1930-01-01,1930-01-01,,,,11,,,icd-10-cm,S32010A,,,,',
    'C10,1,professional,,2020-03-01,2020-03-01,,,,11,,,icd-10-cm,S32010A,,,,',
    'C11,1,professional,P01,2020-03-01,2020-03-01,,,,11,99214,abc,icd-10-cm,S32010A,,,,',
  ].join('\n'),
  'pharmacy_claim.csv': [
    'claim_id,claim_line_number,person_id,dispensing_date,ndc_code,quantity,days_supply',
    'R01,1,P01,2020-04-01,00002-3228-30,30,30',
    'R02,1,P01,2020-04-01,,30,30',
    'R03,1,P01,2020-04-01,0002322830,30,-5',
    'R04,1,P01,2020-04-01,0002322830,30,999',
  ].join('\n'),
};

/** Rows of a query as sorted JSON strings (every value as text), for multiset comparison. */
async function rowsOf(db: { all: (sql: string) => Promise<Record<string, unknown>[]> }, sql: string): Promise<string[]> {
  const rows = await db.all(sql);
  return rows.map((row) => JSON.stringify(Object.values(row).map((value) => (value === null ? null : String(value))))).sort();
}

const canonicalQueries: Record<string, string> = {
  person: 'select * from person',
  coverage: 'select * from coverage',
  inpatient_stay: 'select * from inpatient_stay',
  clinical_event:
    'select person_id, event_date, end_date, domain, code_system, code, setting, stay_id, days_supply, quantity, units, daily_dose, dose_unit, route from clinical_event',
};

/** An md5 of every row of every table of a schema, in a fixed order: equal before and after means untouched. */
async function schemaFingerprint(url: string, schema: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      'select table_name as name from information_schema.tables where table_schema = $1 order by table_name',
      [schema],
    );
    const parts: string[] = [];
    for (const { name } of tables.rows) {
      const result = await client.query<{ digest: string }>(
        `select md5(coalesce(string_agg(row_text, E'\\n' order by row_text), '')) as digest
         from (select t::text as row_text from "${schema}"."${name}" as t) as rows_as_text`,
      );
      parts.push(`${name}:${result.rows[0]!.digest}`);
    }
    return parts.join(',');
  } finally {
    await client.end();
  }
}

async function workingSchemas(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ name: string }>(`select nspname as name from pg_namespace where nspname like 'caregap_work_%'`);
    return result.rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

describe.skipIf(!postgres.binDir)('the PostgreSQL engine, on a throwaway PostgreSQL cluster', () => {
  let cluster: PgCluster | undefined;
  let url = '';
  const temp = makeTempDir('caregap-pg-test-');
  const hostileDir = join(temp.dir, 'hostile');
  const eventsDir = join(temp.dir, 'events-population');

  beforeAll(async () => {
    cluster = await startCluster(postgres.binDir!);
    url = cluster.createDatabase('caregap_test');
    writeFiles(hostileDir, hostileClaims);
    await copyCsvFolderIntoPostgres(url, sampleClaims, 'sample_claims', 'claims');
    await copyCsvFolderIntoPostgres(url, tuva, 'tuva', 'claims');
    await copyCsvFolderIntoPostgres(url, hostileDir, 'hostile', 'claims');
    // The events format: a generated population (1,500 persons, fixed seed).
    await generatePopulation({ persons: 1500, seed: 7, format: 'events', out: eventsDir, threads: 1 });
    await copyCsvFolderIntoPostgres(url, eventsDir, 'events_population', 'events');
  }, 240_000);

  afterAll(() => {
    cluster?.stop();
    temp.cleanup();
  });

  it('defines loader functions that give the DuckDB macros\' results on hostile values', async () => {
    const duck = await Db.open();
    const pgdb = await PgDb.connect(url);
    try {
      await createCanonicalSchema(duck, '2026-11-27');
      await runInWorkingSchema(pgdb, 'caregap_work_functions_test', async () => {
        await createLoaderFunctions(pgdb, '2026-11-27');
        const expressions = [
          'cg_code(x)', 'cg_has_code(x)', 'cg_ndc(x)', 'cg_blank(x)', 'cg_date(x)', 'cg_open_end_date_problem(x)', 'cg_date_problem(x)',
          "cg_num_problem(x, 'units', 100000)", 'cg_code_system(x)', 'cg_domain_of(cg_code_system(x), x)', 'cg_hcpcs_system(cg_code(x))', 'cg_sex(x)',
        ];
        const differences: string[] = [];
        for (const expression of expressions) {
          for (const value of rawValues) {
            const fromDuck = await duck.one<{ v: string | null }>(`select cast(${expression.replaceAll('x)', '$x)').replaceAll('(x,', '($x,')} as varchar) as v`, { x: value });
            const fromPg = await pgdb.one<{ v: string | null }>(`select cast(${expression.replaceAll('x)', '$x::text)').replaceAll('(x,', '($x::text,')} as text) as v`, { x: value });
            if (fromDuck?.v !== fromPg?.v) differences.push(`${expression} of ${JSON.stringify(value)}: DuckDB ${JSON.stringify(fromDuck?.v)}, PostgreSQL ${JSON.stringify(fromPg?.v)}`);
          }
          // Numbers compared as numbers (the two engines print doubles differently).
        }
        for (const value of rawValues) {
          const fromDuck = await duck.one<{ v: number | string | null }>('select cg_num($x) as v', { x: value });
          const fromPg = await pgdb.one<{ v: number | string | null }>('select cg_num($x::text) as v', { x: value });
          const same = fromDuck?.v === null ? fromPg?.v === null : Number(fromDuck?.v) === Number(fromPg?.v) || (Number.isNaN(Number(fromDuck?.v)) && Number.isNaN(Number(fromPg?.v)));
          if (!same) differences.push(`cg_num of ${JSON.stringify(value)}: DuckDB ${JSON.stringify(fromDuck?.v)}, PostgreSQL ${JSON.stringify(fromPg?.v)}`);
        }
        expect(differences).toEqual([]);
      });
    } finally {
      await pgdb.close();
      duck.close();
    }
  });

  it.each([
    ['sample_claims', (): string => sampleClaims, 'claims'],
    ['tuva', (): string => tuva, 'claims'],
    ['hostile', (): string => hostileDir, 'claims'],
    ['events_population', (): string => eventsDir, 'events'],
  ] as const)('loads %s into the canonical rows and rejects of the file loaders', async (schema, folder, format) => {
    const duck = await Db.open();
    const pgdb = await PgDb.connect(url);
    try {
      const fromFiles = await loadInputs(duck, { inputDir: folder(), format });
      await runInWorkingSchema(pgdb, `caregap_work_load_${schema}`, async () => {
        const fromTables = await loadInPostgres(pgdb, { schema, format, asOf: null });
        expect(fromTables.tableRows).toEqual(fromFiles.tableRows);
        expect(fromTables.dataQuality).toEqual(fromFiles.dataQuality);
        expect(fromTables.files.map((file) => [file.role, file.rowsRead, file.rowsRejected])).toEqual(
          fromFiles.files.map((file) => [file.role, file.rowsRead, file.rowsRejected]),
        );
        for (const [table, sql] of Object.entries(canonicalQueries)) {
          // An events-format stay id names its file and line (events.csv:12) or its table and row (events:11).
          const comparable =
            format !== 'events'
              ? sql
              : table === 'inpatient_stay'
                ? 'select person_id, admission_date, discharge_date from inpatient_stay'
                : sql.replace(' stay_id,', ' stay_id is not null as in_stay,');
          expect(await rowsOf(pgdb, comparable), table).toEqual(await rowsOf(duck, comparable));
        }
        const rejectSql = `select "column", value, reason from load_reject`;
        expect(await rowsOf(pgdb, rejectSql)).toEqual(await rowsOf(duck, rejectSql));
      });
    } finally {
      await pgdb.close();
      duck.close();
    }
  });

  it('names the table and the row of every reject (row = file line minus the header in this sorted extract)', async () => {
    const duck = await Db.open();
    const pgdb = await PgDb.connect(url);
    try {
      await loadInputs(duck, { inputDir: hostileDir, format: 'claims' });
      const fromFiles = await duck.all<{ file: string; line: string; column: string; reason: string }>(
        `select replace(file, '.csv', '') as file, cast(line - 1 as varchar) as line, "column", reason from load_reject order by all`,
      );
      await runInWorkingSchema(pgdb, 'caregap_work_reject_rows', async () => {
        await loadInPostgres(pgdb, { schema: 'hostile', format: 'claims', asOf: null });
        const fromTables = await pgdb.all(`select file, line::text as line, "column", reason from load_reject order by 1, 2, 3, 4`);
        expect(fromTables).toEqual(fromFiles);
      });
      // One of each reason the fixture plants.
      expect(fromFiles.map((row) => `${row.file} ${row.line} ${row.column}: ${row.reason}`)).toEqual([
        'eligibility 2 gender: unknown sex value',
        'eligibility 3 birth_date: impossible date',
        'eligibility 4 enrollment_end_date: end before start',
        'eligibility 6 enrollment_start_date: missing enrollment start date',
        'eligibility 7 enrollment_start_date: implausible date: before 1900',
        'eligibility 8 person_id: missing person id',
        'medical_claim 10 claim_start_date: dated before the person\'s birth date',
        'medical_claim 11 person_id: missing person id',
        'medical_claim 12 service_unit_quantity: units is not a number',
        'medical_claim 2 claim_line_number: duplicate claim line',
        'medical_claim 3 claim_start_date: impossible date',
        'medical_claim 4 claim_end_date: end before start',
        'medical_claim 5 service_unit_quantity: negative units',
        'medical_claim 6 hcpcs_code: unknown code system',
        'medical_claim 7 diagnosis_code_type: unknown code system',
        expect.stringMatching(/^medical_claim 8 claim_start_date: implausible date: after \d{4}-\d{2}-\d{2}$/),
        'pharmacy_claim 2 ndc_code: missing code',
        'pharmacy_claim 3 days_supply: negative days supply',
        'pharmacy_claim 4 days_supply: absurd days supply',
      ]);
    } finally {
      await pgdb.close();
      duck.close();
    }
  });

  it.each([
    ['sample_claims', (): string => sampleClaims, 'claims', (): string | undefined => join(sampleClaims, 'valuesets')],
    ['tuva', (): string => tuva, 'claims', (): string | undefined => undefined],
    ['events_population', (): string => eventsDir, 'events', (): string | undefined => join(eventsDir, 'valuesets')],
  ] as const)('gives byte-identical patient_gaps.csv and episodes.csv to a DuckDB run of the same data (%s)', (schema, folderOf, format, valuesetsOf) => {
    const folder = folderOf();
    const valuesets = valuesetsOf();
    const extra = valuesets === undefined ? [] : ['--valuesets', valuesets];
    const common = ['--format', format, '--as-of', '2025-06-30', '--quiet', '--no-arrow', ...extra];
    const before = workingSchemas(url);
    const duckOut = join(temp.dir, `${schema}-duckdb`);
    const pgOut = join(temp.dir, `${schema}-postgres`);
    const duckRun = runCli(['run', '--input', folder, '--out', duckOut, ...common]);
    expect(duckRun.stderr).toBe('');
    expect(duckRun.code).toBe(0);
    const pgRun = runCli(['run', '--engine', 'postgres', '--database-url', url, '--schema', schema, '--out', pgOut, ...common]);
    expect(pgRun.stderr).toBe('');
    expect(pgRun.code).toBe(0);
    for (const file of ['patient_gaps.csv', 'episodes.csv']) {
      const expected = readFileSync(join(duckOut, file), 'utf8');
      expect(expected.split('\n').length, file).toBeGreaterThan(2);
      expect(readFileSync(join(pgOut, file), 'utf8') === expected, `${file} differs`).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(pgOut, 'manifest.json'), 'utf8')) as { work_db: string; engine: { name: string } };
    expect(manifest.work_db).toBe('postgres');
    expect(manifest.engine.name).toBe('postgres');
    return before.then(async (schemas) => expect(await workingSchemas(url)).toEqual(schemas));
  });

  it('leaves the input schema untouched and drops its working schema after a run that succeeds or fails', async () => {
    const before = await schemaFingerprint(url, 'hostile');
    // --strict fails the run (exit 1) at the first rejected row, after the load ran in PostgreSQL.
    const failed = runCli(['run', '--engine', 'postgres', '--database-url', url, '--schema', 'hostile', '--format', 'claims', '--strict', '--quiet', '--out', join(temp.dir, 'strict-out')]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/--strict: table eligibility row 2, column gender: unknown sex value/);
    expect(await workingSchemas(url)).toEqual([]);
    const succeeded = runCli(['run', '--engine', 'postgres', '--database-url', url, '--schema', 'hostile', '--format', 'claims', '--quiet', '--no-arrow', '--out', join(temp.dir, 'hostile-out')]);
    expect(succeeded.stderr).toBe('');
    expect(succeeded.code).toBe(0);
    const rejects = readFileSync(join(temp.dir, 'hostile-out', 'rejects.csv'), 'utf8');
    expect(rejects).toContain('eligibility,2,gender,X,unknown sex value');
    expect(await workingSchemas(url)).toEqual([]);
    expect(await schemaFingerprint(url, 'hostile')).toBe(before);
  });

  it('drops its working schema when stopped by SIGTERM, exits 143 and leaves --out unwritten', async () => {
    const out = join(temp.dir, 'interrupted-out');
    const child = spawn(process.execPath, [join(projectRoot(), 'bin', 'caregap.js'), 'run', '--engine', 'postgres', '--database-url', url, '--schema', 'sample_claims', '--format', 'claims', '--quiet', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Signal once the run is working inside PostgreSQL (its working schema exists).
    for (let waited = 0; waited < 60_000 && (await workingSchemas(url)).length === 0; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await workingSchemas(url)).toHaveLength(1);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(stderr).toMatch(/interrupted by SIGTERM/);
    expect(await workingSchemas(url)).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['--schema', 'hostile', '--format', 'claims'], /--database-url is required/],
    [['--database-url', 'URL', '--format', 'claims'], /--schema is required/],
    [['--database-url', 'URL', '--schema', 'hostile'], /--format is required/],
    [['--database-url', 'URL', '--schema', 'hostile', '--format', 'omop'], /--format: must be claims or events with --engine postgres/],
    [['--database-url', 'URL', '--schema', 'hostile', '--format', 'claims', '--input', 'sample-data/claims'], /--input: is not used with --engine postgres/],
    [['--database-url', 'URL', '--schema', 'no_such_schema', '--format', 'claims'], /--schema no_such_schema: no such schema/],
    [['--database-url', 'URL', '--schema', 'hostile', '--format', 'events'], /--schema hostile: no table events/],
    [['--database-url', 'postgres://caregap:hunter2@127.0.0.1:1/caregap_test', '--schema', 'hostile', '--format', 'claims'], /--database-url postgres:\/\/caregap:\*\*\*@127\.0\.0\.1:1\/caregap_test: cannot connect/],
    [['--database-url', 'mysql://caregap@127.0.0.1/x', '--schema', 'hostile', '--format', 'claims'], /--database-url .*expected a postgres:\/\/ or postgresql:\/\/ URL/],
  ])('exits 2 before any work, naming the option: %j', async (args, message) => {
    const withUrl = args.map((arg) => (arg === 'URL' ? url : arg));
    const result = runCli(['run', '--engine', 'postgres', '--out', join(temp.dir, 'never-written'), '--quiet', ...withUrl]);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain('hunter2');
    expect(result.code).toBe(2);
    expect(await workingSchemas(url)).toEqual([]);
  });

  it('exits 2 naming the table and column when a mandatory column is missing', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('create schema no_start; create table no_start.eligibility (person_id text); create table no_start.medical_claim (claim_id text, person_id text, claim_start_date text)');
    } finally {
      await client.end();
    }
    const result = runCli(['run', '--engine', 'postgres', '--database-url', url, '--schema', 'no_start', '--format', 'claims', '--quiet', '--out', join(temp.dir, 'never-written')]);
    expect(result.stderr).toMatch(/--schema no_start: table eligibility has no column enrollment_start_date/);
    expect(result.code).toBe(2);
  });
});
