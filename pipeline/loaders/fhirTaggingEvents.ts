import type { Db } from '../db.js';
import { keepAllCodes, type RelevantCodes } from './relevantCodes.js';

/**
 * Replaces the view `tagging_event` (every clinical event, pipeline/sql/canonical.sql) with a table
 * of only the FHIR events that can match a value set (relevantCodes.ts' superset test), so tagging
 * (rules/tagging/tagged_event.sql) reads those instead of every event. `event_id` is the event's
 * rowid in clinical_event, as the view gives it, so tagged events keep their ids and order.
 * clinical_event itself keeps every event (canonical rows, data-quality counts, `explain`).
 *
 * Runs once clinical_event is final (after the before-birth rejects). Without value sets loaded
 * first (`keepAllCodes`), the view stays.
 */
export async function storeFhirTaggingEvents(db: Db, relevant: RelevantCodes): Promise<void> {
  if (relevant === keepAllCodes) return;
  await db.run('drop view tagging_event');
  await db.run(`
    create table tagging_event as
    select rowid as event_id, *
    from clinical_event
    where ${relevant.matches('code_system', 'code')}`);
}
