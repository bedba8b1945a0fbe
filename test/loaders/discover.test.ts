import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { detectFormat, matchesSource } from '../../pipeline/loaders/discover.js';
import { formats } from '../../pipeline/loaders/formats.js';
import { loadInputs, type LoadResult } from '../../pipeline/loaders/loadInputs.js';
import type { SourceSpec } from '../../pipeline/loaders/sourceSpec.js';
import { makeTempDir, writeFiles } from '../helpers/tempDir.js';

const spec = (format: keyof typeof formats, role: string): SourceSpec => {
  const found = formats[format].find((candidate) => candidate.role === role);
  if (!found) throw new Error(`no ${role} in ${format}`);
  return found;
};

describe('file names to sources', () => {
  it('OMOP concept takes concept files, not the vocabulary tables beside them', () => {
    const concept = spec('omop', 'concept');
    for (const name of ['concept.csv', 'CONCEPT.csv.gz', 'concept_sample.parquet', 'concept-2024.csv']) expect(matchesSource(name, concept), name).toBe(true);
    for (const name of ['concept_relationship.csv', 'concept_ancestor.csv', 'concept_synonym.csv.gz', 'concept_class.csv', 'concept_cpt4.csv', 'concepts.csv']) {
      expect(matchesSource(name, concept), name).toBe(false);
    }
  });

  it('FHIR sources take NDJSON files only, and table sources never take NDJSON', () => {
    const patient = spec('fhir', 'Patient');
    for (const name of ['Patient.ndjson', 'Patient_1.ndjson.gz', 'patient.ndjson']) expect(matchesSource(name, patient), name).toBe(true);
    for (const name of ['patient.csv', 'Patient.csv.gz', 'patient.parquet']) expect(matchesSource(name, patient), name).toBe(false);
    expect(matchesSource('Coverage.ndjson', spec('fhir', 'Coverage'))).toBe(true);
    expect(matchesSource('coverage.csv', spec('fhir', 'Coverage'))).toBe(false);
    for (const events of formats.events) expect(matchesSource('Patient.ndjson', events), events.role).toBe(false);
    expect(matchesSource('coverage.csv', spec('events', 'coverage'))).toBe(true);
  });

  it('an events folder with patient.csv fits the events format alone', () => {
    expect(detectFormat(['coverage.csv', 'events.csv', 'patient.csv'], formats)).toBe('events');
    expect(detectFormat(['Coverage.ndjson', 'Encounter.ndjson', 'Patient.ndjson'], formats)).toBe('fhir');
    expect(detectFormat(['concept.csv', 'concept_ancestor.csv', 'concept_relationship.csv', 'person.csv'], formats)).toBe('omop');
  });
});

describe('an OMOP folder holding a whole vocabulary download', () => {
  const temp = makeTempDir();
  let db: Db;
  let result: LoadResult;

  beforeAll(async () => {
    writeFiles(temp.dir, {
      'person.csv': 'person_id,gender_concept_id,year_of_birth\n1,8532,1950\n',
      'concept.csv': 'concept_id,vocabulary_id,concept_code,domain_id\n45576876,ICD10CM,M80.08XA,Condition\n',
      // Other columns entirely: matched as concept, these would fail the required-column check.
      'concept_relationship.csv': 'concept_id_1,concept_id_2,relationship_id\n45576876,4001458,Maps to\n',
      'concept_ancestor.csv': 'ancestor_concept_id,descendant_concept_id\n4001458,4001458\n',
      'condition_occurrence.csv': 'person_id,condition_start_date,condition_source_value,condition_source_concept_id,condition_concept_id\n1,2024-01-02,M80.08XA,45576876,0\n',
    });
    db = await Db.open({ threads: 1 });
    result = await loadInputs(db, { inputDir: temp.dir });
  });
  afterAll(() => {
    db.close();
    temp.cleanup();
  });

  it('loads concept and lists the vocabulary tables as ignored files', () => {
    expect(result.format).toBe('omop');
    expect(result.files.map((file) => `${file.file}:${file.role}`)).toEqual(['concept.csv:concept', 'person.csv:person', 'condition_occurrence.csv:condition_occurrence']);
    expect(result.ignoredFiles).toEqual(['concept_ancestor.csv', 'concept_relationship.csv']);
    expect(result.tableRows.clinical_event).toBe(1);
  });
});
