import { bothSettled } from '../bothSettled.js';
import type { Db } from '../db.js';
import type { RuleParams } from '../params.js';
import { checkRuleResult } from './checkRuleResult.js';
import { collectRuleResults } from './collectRuleResults.js';
import { createRunParams, resolveAsOf } from './createRunParams.js';
import { episodeExportColumns } from './episodeExportColumns.js';
import { loadValueSets, type ValueSetInfo } from './loadValueSets.js';
import { materialiseStage } from './materialiseStage.js';
import { patientGapColumns } from './ruleResultColumns.js';
import { createRuleFunctions, type RuleEngine } from './ruleFunctions.js';
import { loadRulePack } from './rulePack.js';

/** Options for one rule-pack run. */
export interface RulePackOptions {
  params: RuleParams;
  /** Extra value-set folders (`--valuesets DIR`), applied after the shipped ones, in order. */
  valueSetDirs: string[];
  /** The value sets when the caller loaded them already (before the loaders); else loaded here. */
  valueSets?: ValueSetInfo;
  /** Called after each stage with its name and duration in milliseconds. */
  onStage?: (stage: string, ms: number) => void;
  /** Rules folder; the shipped rules/ when omitted (tests may point elsewhere). */
  rulesDir?: string;
  /** The engine `db` runs on, for its cg_* functions (rules/functions/<engine>.sql); DuckDB when omitted. */
  engine?: RuleEngine;
  /**
   * Run the research stages (the therapy course) on a second connection beside the rules (DuckDB
   * only: `db.fork()`). They read only the shared stages' tables, and many of their statements use
   * one thread. Stage timings are still reported in the pack's order, once both are done.
   */
  concurrent?: boolean;
}

/** What a run used and produced (for the manifest). */
export interface RulePackResult {
  /** The as_of date used (given, or the latest event date). */
  asOf: string;
  valueSetVersion: string;
  valueSetHash: string;
  rules: { id: string; version: string; title: string }[];
  /** Number of episodes (rows of `episode`, after the --level filter). */
  episodes: number;
  stageMs: Record<string, number>;
}

/**
 * Runs the rule pack over the canonical tables (person, coverage, clinical_event, inpatient_stay;
 * see pipeline/sql/canonical.sql), which the caller has filled, and the view `tagging_event` (clinical_event's
 * columns plus a unique bigint event_id; canonical.sql creates it in DuckDB).
 *
 * Leaves these tables in the database: value_set_catalog, value_set_code, run_params,
 * tagged_event, qualifying_diagnosis, episode_index_date, episode, episode_person_window,
 * episode_attrition, therapy_event, each rule's pass tables, the therapy course's tables
 * (therapy_course: one row per judged episode, docs/rules.md §8), rule_catalog, rule_result,
 * patient_gaps (docs/contracts.md columns, one row per episode and rule, sorted by person_id,
 * index_date, rule_id) and episode_export (the episodes.csv columns, one row per episode).
 *
 * Everything is set-based SQL, portable between DuckDB and PostgreSQL (docs/engines.md); nothing
 * is looped per patient. Throws with the file,
 * stage or rule named when value sets, a pass or a result audit fail.
 */
export async function runRulePack(db: Db, options: RulePackOptions): Promise<RulePackResult> {
  const stageMs: Record<string, number> = {};
  const report = (stage: string, ms: number): void => {
    stageMs[stage] = ms;
    options.onStage?.(stage, ms);
  };
  // `measured` only times a stage: two lanes side by side end in any order, so theirs are reported
  // in the pack's order once both are done. `timed` also reports it as it ends.
  const laneMs = new Map<string, number>();
  const measured = async <T>(stage: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    laneMs.set(stage, Math.round(performance.now() - started));
    return result;
  };
  const timed = async <T>(stage: string, work: () => Promise<T>): Promise<T> => {
    const result = await measured(stage, work);
    report(stage, laneMs.get(stage)!);
    return result;
  };

  const pack = loadRulePack(options.rulesDir);
  const engine = options.engine ?? 'duckdb';
  await createRuleFunctions(db, engine);
  // PostgreSQL plans each pass from the statistics of the tables before it (docs/engines.md).
  const analyze = engine === 'postgres';
  const valueSets = options.valueSets ?? (await timed('value_sets', () => loadValueSets(db, options.valueSetDirs)));
  const asOf = await timed('run_params', async () => {
    const resolved = await resolveAsOf(db, options.params.asOf);
    await createRunParams(db, options.params, resolved, valueSets);
    return resolved;
  });
  for (const stage of pack.shared) {
    await timed(stage.id, () => materialiseStage(db, stage, analyze));
  }
  type Timer = <T>(stage: string, work: () => Promise<T>) => Promise<T>;
  const runRules = async (lane: Db, time: Timer): Promise<void> => {
    for (const rule of pack.rules) {
      await time(`rule:${rule.id}`, async () => {
        const resultTable = await materialiseStage(lane, rule, analyze);
        await checkRuleResult(lane, rule.id, resultTable);
      });
    }
  };
  const runResearch = async (lane: Db, time: Timer): Promise<void> => {
    for (const stage of pack.research) await time(stage.id, () => materialiseStage(lane, stage, analyze));
  };
  if (options.concurrent && pack.research.length > 0) {
    const lane = await db.fork();
    try {
      await bothSettled(runRules(db, measured), runResearch(lane, measured));
    } finally {
      lane.close();
    }
    for (const stage of [...pack.rules.map((rule) => `rule:${rule.id}`), ...pack.research.map((research) => research.id)]) {
      report(stage, laneMs.get(stage) ?? 0);
    }
  } else {
    await runRules(db, timed);
    await runResearch(db, timed);
  }
  await timed(pack.combine.id, async () => {
    await collectRuleResults(db, pack.rules);
    await materialiseStage(db, pack.combine, analyze);
    const columns = await db.columns('patient_gaps');
    if (columns.join(',') !== patientGapColumns.join(',')) {
      throw new Error(`rule pack: patient_gaps has columns (${columns.join(', ')}); expected (${patientGapColumns.join(', ')})`);
    }
    const expected = episodeExportColumns(pack.rules.map((rule) => rule.id));
    const exported = await db.columns('episode_export');
    if (exported.join(',') !== expected.join(',')) {
      throw new Error(`rule pack: episode_export has columns (${exported.join(', ')}); expected (${expected.join(', ')})`);
    }
  });
  const counted = await db.one<{ n: string }>('select count(*) as n from episode');
  return {
    asOf,
    valueSetVersion: valueSets.version,
    valueSetHash: valueSets.hash,
    rules: pack.rules.map((rule) => ({ id: rule.id, version: rule.version, title: rule.title })),
    episodes: Number(counted?.n ?? 0),
    stageMs,
  };
}
