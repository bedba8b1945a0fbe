import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDb, type Db } from '../../pipeline/db.js';
import { loadInputs } from '../../pipeline/loaders/loadInputs.js';
import { buildRelevantCodes, keepAllCodes } from '../../pipeline/loaders/relevantCodes.js';
import { defaultRuleParams } from '../../pipeline/params.js';
import { createRunParams } from '../../pipeline/rules/createRunParams.js';
import { loadValueSets } from '../../pipeline/rules/loadValueSets.js';
import { materialiseStage } from '../../pipeline/rules/materialiseStage.js';
import { loadRulePack } from '../../pipeline/rules/rulePack.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

// A FHIR load keeps every event in clinical_event but gives tagging a table of only the events whose
// code can match a value set (pipeline/loaders/fhirTaggingEvents.ts). Codes just inside and outside
// the shipped value sets' prefixes, a resource with two codings, an event before the person's birth
// (rejected after loading, so it must not reach tagging) and dashed NDCs; tagging must give exactly
// what it gives over every event, with the same event ids.

const lines = (resources: object[]): string => `${resources.map((resource) => JSON.stringify(resource)).join('\n')}\n`;
const coding = (system: string, code: string): object => ({ system, code });
const icd10 = 'http://hl7.org/fhir/sid/icd-10-cm';
const condition = (id: string, date: string, codings: object[]): object => ({
  resourceType: 'Condition', id, subject: { reference: 'Patient/P1' }, onsetDateTime: date, code: { coding: codings },
});
const dispense = (id: string, date: string, ndc: string): object => ({
  resourceType: 'MedicationDispense', id, status: 'completed', subject: { reference: 'Patient/P1' }, whenHandedOver: date,
  medicationCodeableConcept: { coding: [coding('http://hl7.org/fhir/sid/ndc', ndc)] }, daysSupply: { value: 30, code: 'd' },
});

const files = {
  'Patient.ndjson': lines([{ resourceType: 'Patient', id: 'P1', gender: 'female', birthDate: '1940-02-01' }]),
  'Condition.ndjson': lines([
    condition('c1', '2023-03-01', [coding(icd10, 'S32.010A')]), // inside pattern S320___
    condition('c2', '2023-03-01', [coding(icd10, 'S31.000A')]), // just outside it
    condition('c3', '2023-04-01', [coding(icd10, 'M48.50XA'), coding('http://snomed.info/sct', '1234567')]),
    condition('c4', '1930-01-01', [coding(icd10, 'M80.08XA')]), // before birth: rejected after loading
  ]),
  'MedicationDispense.ndjson': lines([
    dispense('d1', '2023-03-05', '00093-5171-44'), // an osteoporosis drug
    dispense('d2', '2023-05-05', '12345-6789-01'), // no value set's NDC
  ]),
};

interface Loaded {
  taggingCodes: string[];
  clinicalCodes: string[];
  tagged: Record<string, unknown>[];
  idsMatchClinicalRows: boolean;
}

let inputDir: string;
let cleanup: () => void;
let filtered: Loaded;
let everything: Loaded;

async function loadAndTag(filter: boolean): Promise<Loaded> {
  return withDb({ threads: 1 }, async (db: Db) => {
    const valueSets = await loadValueSets(db, []);
    await loadInputs(db, { inputDir, format: 'fhir', relevant: filter ? await buildRelevantCodes(db) : keepAllCodes });
    await createRunParams(db, defaultRuleParams, '2024-12-31', valueSets);
    const tagging = loadRulePack().shared.find((stage) => stage.id === 'tagging');
    if (tagging === undefined) throw new Error('no tagging stage');
    await materialiseStage(db, tagging);
    const codes = async (table: string): Promise<string[]> =>
      (await db.all<{ code: string }>(`select code from ${table} order by code`)).map((row) => row.code);
    const matching = await db.one<{ n: number; same: number }>(`
      select count(*)::integer as n,
             count(*) filter (where clinical.code = tagging.code and clinical.source_line = tagging.source_line)::integer as same
      from tagging_event as tagging
      left join (select rowid as event_id, * from clinical_event) as clinical using (event_id)`);
    return {
      taggingCodes: await codes('tagging_event'),
      clinicalCodes: await codes('clinical_event'),
      tagged: await db.all('select event_id, value_set, person_id, event_date, code_system, code, days_supply from tagged_event order by all'),
      idsMatchClinicalRows: matching !== undefined && matching.n === matching.same,
    };
  });
}

beforeAll(async () => {
  const temp = makeTempDir();
  cleanup = temp.cleanup;
  inputDir = join(temp.dir, 'fhir');
  writeFiles(inputDir, files);
  filtered = await loadAndTag(true);
  everything = await loadAndTag(false);
});
afterAll(() => cleanup());

describe('FHIR events for tagging', () => {
  it('tags_the_same_events_from_only_the_value_set_relevant_ones', () => {
    expect(filtered.tagged).toEqual(everything.tagged);
    expect(filtered.tagged.map((row) => row.code)).toEqual(expect.arrayContaining(['S32010A', 'M4850XA', '00093517144']));
    expect(filtered.taggingCodes).toEqual(['00093517144', 'M4850XA', 'S32010A']);
    expect(filtered.idsMatchClinicalRows).toBe(true);
  });

  it('keeps_every_loaded_event_in_clinical_event_and_none_dated_before_birth', () => {
    const loaded = ['00093517144', '1234567', '12345678901', 'M4850XA', 'S31000A', 'S32010A'];
    expect(filtered.clinicalCodes).toEqual(loaded);
    expect(everything.taggingCodes).toEqual(loaded);
    expect(filtered.taggingCodes).not.toContain('M8008XA');
  });
});
