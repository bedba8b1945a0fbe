import type { Db } from '../db.js';

// docs/contracts.md, format `omop`: source values (ICD codes, NDCs) are used where present; otherwise
// standard concepts are mapped through concept (vocabulary_id, concept_code).

/** The lookup the `concept` file fills; empty when the folder has no concept file. */
export const omopConceptDdl = `
  create table omop_concept (
      concept_id varchar primary key, vocabulary_id varchar, concept_code varchar, domain_id varchar
  )`;

/** How one OMOP clinical table names its code columns, and what shapes its source values take. */
export interface OmopCodeColumns {
  /** e.g. condition_source_value */
  sourceValue: string;
  /** e.g. condition_source_concept_id */
  sourceConcept: string;
  /** e.g. condition_concept_id (the standard concept) */
  standardConcept: string;
  /**
   * SQL over `__src` (the normalised source value) and `__raw_src` (as given) naming the code system
   * its shape implies, 'EV' when it could be ICD-9-CM or ICD-10-CM (E and V codes), else null.
   */
  shapeSql: string;
  /** Whether E/V codes take the ICD version of the other codes on the same visit. */
  useVisitVersion: boolean;
}

/** ICD-9-CM diagnosis (digits), ICD-9/10 E and V codes (ambiguous), ICD-10-CM (letter first). */
export const diagnosisShapeSql = `case
    when regexp_full_match(__src, '[0-9]{3,5}') then 'ICD9CM'
    when regexp_full_match(__src, '[EV][0-9]{2,4}') then 'EV'
    when regexp_full_match(__src, '[A-Z][0-9][0-9A-Z]{1,5}') then 'ICD10CM'
  end`;

/** ICD-9-CM procedure (3-4 digits), CPT / HCPCS (5 characters), ICD-10-PCS (7 characters). */
export const procedureShapeSql = `case
    when regexp_full_match(__src, '[0-9]{3,4}') then 'ICD9CM'
    when cg_hcpcs_system(__src) is not null then cg_hcpcs_system(__src)
    when regexp_full_match(__src, '[0-9A-HJ-NP-Z]{7}') then 'ICD10PCS'
  end`;

/** NDC: 11 digits, 10 digits (kept as given, a data-quality warning) or dashed 5-4-2 segments. */
export const drugShapeSql = `case
    when regexp_full_match(trim(__raw_src), '[0-9]{10,11}|[0-9]{1,5}-[0-9]{1,4}-[0-9]{1,2}') then 'NDC'
  end`;

/**
 * Creates view `<stage>_in`: the raw rows plus `__system` and `__code`, chosen in this order:
 * 1. the source concept is in concept with a known vocabulary: that code system, the source value
 *    (else the concept's code);
 * 2. the source concept is not in concept (or is 0) and the source value has a recognised shape:
 *    the system its shape implies; an ICD E/V code takes its visit's ICD version when the visit's
 *    other codes agree on one, else ICD-10-CM (letter first);
 * 3. the standard concept is in concept with a known vocabulary: that system and concept_code;
 * 4. otherwise both are null and the row is rejected as `unknown code system`.
 * A source concept in a local vocabulary (MIMIC's `mimiciv_*`) means the source value is not a
 * standard code, so step 2 is skipped for it. Needs `omop_concept` (concept ids unique).
 */
export async function createCodedView(db: Db, rawView: string, stage: string, columns: OmopCodeColumns): Promise<void> {
  const { sourceValue, sourceConcept, standardConcept, shapeSql } = columns;
  const shapeIsIcd = `__shape in ('ICD9CM', 'ICD10CM') and __src_vocab is null`;
  const visitVersion = columns.useVisitVersion
    ? `case when cg_blank(visit_occurrence_id) then null
            when min(case when ${shapeIsIcd} then __shape end) over visit
                 = max(case when ${shapeIsIcd} then __shape end) over visit
            then max(case when ${shapeIsIcd} then __shape end) over visit end`
    : 'cast(null as varchar)';
  await db.run(`
    create view ${stage}_in as
    with looked_up as (
        select raw.*,
               cg_code(raw.${sourceValue}) as __src,
               raw.${sourceValue} as __raw_src,
               source_concept.vocabulary_id as __src_vocab,
               cg_code(source_concept.concept_code) as __src_concept_code,
               cg_code_system(standard_concept.vocabulary_id) as __std_system,
               cg_code(standard_concept.concept_code) as __std_code
        from ${rawView} as raw
        left join omop_concept as source_concept on source_concept.concept_id = trim(raw.${sourceConcept})
        left join omop_concept as standard_concept on standard_concept.concept_id = trim(raw.${standardConcept})
    ),
    shaped as (
        select *, ${shapeSql} as __shape from looked_up
    ),
    versioned as (
        select *, ${visitVersion} as __visit_icd
        from shaped
        window visit as (partition by visit_occurrence_id)
    )
    select * exclude (__raw_src),
           case
               when cg_code_system(__src_vocab) is not null then cg_code_system(__src_vocab)
               when __src_vocab is null and __shape = 'EV' then coalesce(__visit_icd, 'ICD10CM')
               when __src_vocab is null and __shape is not null then __shape
               else __std_system
           end as __system,
           case
               when cg_code_system(__src_vocab) = 'NDC' then coalesce(cg_ndc(__raw_src), __src_concept_code)
               when cg_code_system(__src_vocab) is not null then coalesce(__src, __src_concept_code)
               when __src_vocab is null and __shape = 'NDC' then cg_ndc(__raw_src)
               when __src_vocab is null and __shape is not null then __src
               when __std_system is not null then __std_code
           end as __code
    from versioned`);
}
