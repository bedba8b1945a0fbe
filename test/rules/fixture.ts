import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { Db, type Row } from '../../pipeline/db.js';
import { ruleParamsSchema, type RuleParams } from '../../pipeline/params.js';
import { projectRoot } from '../../pipeline/projectRoot.js';
import { runRulePack, type RulePackResult } from '../../pipeline/rules/runRulePack.js';

/** A person row; omitted fields are null. */
export interface PersonInput {
  person_id: string;
  birth_date?: string | null;
  sex?: string | null;
  death_date?: string | null;
  site?: string | null;
  payer?: string | null;
}

/** A clinical_event row; omitted fields are null. */
export interface EventInput {
  person_id: string;
  event_date: string;
  code_system: string;
  code: string;
  domain?: string | null;
  end_date?: string | null;
  setting?: string | null;
  stay_id?: string | null;
  days_supply?: number | null;
  quantity?: number | null;
  units?: number | null;
  daily_dose?: number | null;
  dose_unit?: string | null;
  route?: string | null;
}

export interface CoverageInput {
  person_id: string;
  start_date: string;
  end_date?: string | null;
  payer?: string | null;
}

export interface StayInput {
  person_id: string;
  stay_id: string;
  admission_date: string;
  discharge_date?: string | null;
}

/** One patient_gaps row as the tests read it. */
export interface GapRow {
  person_id: string;
  episode_id: string;
  index_date: string;
  fracture_level: string;
  age_at_index: number | null;
  sex: string | null;
  site: string | null;
  payer: string | null;
  rule_id: string;
  status: string;
  reason: string;
  evidence_date: string | null;
  evidence_code: string | null;
  days_to_event: number | null;
  due_date: string | null;
}

export interface FixtureInput {
  persons: PersonInput[];
  events?: EventInput[];
  coverage?: CoverageInput[];
  stays?: StayInput[];
  params?: Partial<RuleParams>;
  valueSetDirs?: string[];
}

export interface FixtureOutput {
  gaps: GapRow[];
  result: RulePackResult;
  episodes: Row[];
  attrition: Row[];
  /** episode_export rows (the episodes.csv columns), pdc as its 4-decimal text. */
  exported: Row[];
}

const personColumns = ['person_id', 'birth_date', 'sex', 'death_date', 'site', 'payer'];
const eventColumns = [
  'person_id', 'event_date', 'code_system', 'code', 'domain', 'end_date', 'setting', 'stay_id',
  'days_supply', 'quantity', 'units', 'daily_dose', 'dose_unit', 'route',
];
const coverageColumns = ['person_id', 'start_date', 'end_date', 'payer'];
const stayColumns = ['person_id', 'stay_id', 'admission_date', 'discharge_date'];

/** Inserts rows into a canonical table with one bound statement. */
async function insertRows(db: Db, table: string, columns: string[], rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  const params: Record<string, DuckDBValue> = {};
  const tuples = rows.map((row, rowIndex) => {
    const values = row as Record<string, DuckDBValue | undefined>;
    return `(${columns
      .map((column) => {
        const name = `${column}_${rowIndex}`;
        params[name] = values[column] ?? null;
        return `$${name}`;
      })
      .join(', ')})`;
  });
  await db.run(`insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`, params);
}

/**
 * Creates the canonical tables in an in-memory Db, inserts the fixture's rows, runs the rule pack
 * and returns patient_gaps (plus the episode and attrition tables) for assertions.
 */
export async function runFixture(input: FixtureInput): Promise<FixtureOutput> {
  const db = await Db.open({ threads: 1 });
  try {
    await db.run(readFileSync(join(projectRoot(), 'pipeline', 'sql', 'canonical.sql'), 'utf8'));
    await insertRows(db, 'person', personColumns, input.persons);
    await insertRows(db, 'clinical_event', eventColumns, input.events ?? []);
    await insertRows(db, 'coverage', coverageColumns, input.coverage ?? []);
    await insertRows(db, 'inpatient_stay', stayColumns, input.stays ?? []);
    const result = await runRulePack(db, {
      params: ruleParamsSchema.parse(input.params ?? {}),
      valueSetDirs: input.valueSetDirs ?? [],
    });
    const gaps = await db.all<GapRow & Row>('select * from patient_gaps');
    const episodes = await db.all('select * from episode order by person_id, index_date');
    const attrition = await db.all('select * from episode_attrition order by step');
    const exported = await db.all('select * replace (cast(pdc as varchar) as pdc) from episode_export order by person_id, index_date');
    return { gaps, result, episodes, attrition, exported };
  } finally {
    db.close();
  }
}

/** The one row of a rule for a person's only (or given) episode; throws when not exactly one. */
export function gapOf(gaps: GapRow[], ruleId: string, episodeId?: string): GapRow {
  const rows = gaps.filter((gap) => gap.rule_id === ruleId && (episodeId === undefined || gap.episode_id === episodeId));
  if (rows.length !== 1) throw new Error(`expected one ${ruleId} row, found ${rows.length}`);
  return rows[0]!;
}

/** Status and reason of a rule's row, for compact assertions. */
export function outcome(gaps: GapRow[], ruleId: string): string {
  const gap = gapOf(gaps, ruleId);
  return `${gap.status}:${gap.reason}`;
}

/** A date N days after an ISO date (calendar arithmetic in UTC). */
export function day(isoDate: string, offset: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

/** Folder of the test value-set files. */
export function testValueSetDir(name: string): string {
  return join(projectRoot(), 'test', 'rules', 'valuesets', name);
}

/** The standard index date of the fixtures and a person aged 80 on it. */
export const INDEX = '2020-03-02';
export const AS_OF_LATE = '2022-06-30';

/** A judged person (aged 80 at INDEX) with the given id. */
export function elder(personId: string, extra: Partial<PersonInput> = {}): PersonInput {
  return { person_id: personId, birth_date: '1940-01-15', sex: 'F', ...extra };
}

/** An initial-encounter osteoporotic vertebral fracture diagnosis (M80.08XA) on a date. */
export function fracture(personId: string, date: string = INDEX, code = 'M8008XA'): EventInput {
  return { person_id: personId, event_date: date, code_system: 'ICD10CM', code, domain: 'diagnosis' };
}
