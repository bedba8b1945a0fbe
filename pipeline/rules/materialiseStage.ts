import type { Db } from '../db.js';
import { readPassSql } from './passSql.js';
import { replaceTable } from './replaceTable.js';
import type { StageDefinition } from './stageDefinition.js';

/**
 * Runs a stage's passes in order, each as `create table <table> as <select>` (an earlier table of
 * that name dropped first), and with `analyze` its statistics gathered (PostgreSQL).
 * Errors name the stage, the pass and its file. Returns the last pass's table name.
 */
export async function materialiseStage(db: Db, stage: StageDefinition, analyze = false): Promise<string> {
  let last = '';
  for (const pass of stage.passes) {
    const sql = readPassSql(stage.dir, pass.file);
    try {
      await replaceTable(db, pass.table, sql, analyze);
    } catch (error) {
      throw new Error(`rule pack: stage ${stage.id}, pass ${pass.table} (${pass.file}): ${(error as Error).message}`);
    }
    last = pass.table;
  }
  return last;
}
