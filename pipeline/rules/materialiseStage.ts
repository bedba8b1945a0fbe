import type { Db } from '../db.js';
import { quotedIdentifier } from '../sql.js';
import { readPassSql } from './passSql.js';
import type { StageDefinition } from './stageDefinition.js';

/**
 * Runs a stage's passes in order, each as `create or replace table <table> as <select>`.
 * Errors name the stage, the pass and its file. Returns the last pass's table name.
 */
export async function materialiseStage(db: Db, stage: StageDefinition): Promise<string> {
  let last = '';
  for (const pass of stage.passes) {
    const sql = readPassSql(stage.dir, pass.file);
    try {
      await db.run(`create or replace table ${quotedIdentifier(pass.table)} as\n${sql}`);
    } catch (error) {
      throw new Error(`rule pack: stage ${stage.id}, pass ${pass.table} (${pass.file}): ${(error as Error).message}`);
    }
    last = pass.table;
  }
  return last;
}
