import { sep } from 'node:path';
import { DuckDBListValue } from '@duckdb/node-api';
import type { Db } from '../db.js';
import { shippedValueSetDir } from '../rules/loadValueSets.js';
import { drugValueSets, type DrugValueSet } from '../valuesets/importedRow.js';

/** Rows and distinct codes one drug value set matched. */
export interface ValueSetMatch {
  rows: number;
  distinct_codes: number;
}

/** manifest.json `data_quality.drug_codes`: can the run's drug codes be trusted? */
export interface DrugCodeCounts {
  /** Drug rows dated on or before as_of (domain drug: pharmacy claims, drug_exposure, medication resources, drug codes of the events format). */
  pharmacy_rows: number;
  /** Distinct (code_system, code) among them. */
  distinct_codes: number;
  /** Those of pharmacy_rows coded as NDC. */
  ndc_rows: number;
  /** Pharmacy rows matched by at least one drug value set. */
  matched_rows: number;
  /** Per drug value set: the pharmacy rows it matched and their distinct codes. */
  value_sets: Record<DrugValueSet, ValueSetMatch>;
  /** NDC codes the drug value sets hold from --valuesets files (not the shipped example). */
  supplied_ndc_codes: number;
}

/**
 * Runs after the rule pack: one set-based pass over the drug events (canonical_drug_event), tagged_event and
 * value_set_code (which it needs, with run_params). Counts only; no patient data.
 */
const drugCodeSql = `
with

params as (
    select as_of from run_params
),

-- Pharmacy rows: drug events within the run's horizon (docs/rules.md §2: nothing after as_of counts).
drug_event as (
    select canonical_drug_event.code_system, upper(canonical_drug_event.code) as code
    from canonical_drug_event
    cross join params
    where canonical_drug_event.event_date <= params.as_of
),

-- One scan of the drug events, grouped by code: every count below reads these few thousand rows.
drug_code as (
    select code_system, code, count(*) as row_count
    from drug_event
    group by code_system, code
),

drug_tag as (
    select event_id, value_set, code_system, code
    from tagged_event
    where domain = 'drug' and list_contains($value_sets, value_set)
),

per_value_set as (
    select
        value_set,
        count(*)::integer as row_count,
        count(distinct code_system || ':' || code)::integer as distinct_code_count
    from drug_tag
    group by value_set
),

supplied_ndc as (
    select count(*)::integer as supplied_ndc_codes
    from value_set_code
    where code_system = 'NDC'
        and list_contains($value_sets, value_set)
        and not starts_with(origin_file, $shipped_dir)
),

final as (
    select
        (select coalesce(sum(row_count), 0) from drug_code)::integer as pharmacy_rows,
        -- A code with no code system (or no code) is not a distinct code.
        (select count(*) from drug_code where code_system is not null and code is not null)::integer as distinct_codes,
        (select coalesce(sum(row_count), 0) from drug_code where code_system = 'NDC')::integer as ndc_rows,
        (select count(distinct event_id) from drug_tag)::integer as matched_rows,
        (select supplied_ndc_codes from supplied_ndc) as supplied_ndc_codes,
        (select coalesce(json_group_object(value_set, json_object('rows', row_count, 'distinct_codes', distinct_code_count)), '{}')
            from per_value_set)::varchar as per_value_set
)

select * from final`;

/**
 * Counts what the drug value sets matched among the pharmacy rows (manifest.json
 * `data_quality.drug_codes`). Needs the tables the rule pack leaves: run_params, tagged_event,
 * value_set_code. Set-based SQL, one pass; returns counts only.
 */
export async function countDrugCodes(db: Db): Promise<DrugCodeCounts> {
  const row = await db.one<Omit<DrugCodeCounts, 'value_sets'> & { per_value_set: string }>(drugCodeSql, {
    value_sets: new DuckDBListValue([...drugValueSets]),
    shipped_dir: `${shippedValueSetDir()}${sep}`,
  });
  const matched = JSON.parse(row?.per_value_set ?? '{}') as Partial<Record<DrugValueSet, ValueSetMatch>>;
  return {
    pharmacy_rows: row?.pharmacy_rows ?? 0,
    distinct_codes: row?.distinct_codes ?? 0,
    ndc_rows: row?.ndc_rows ?? 0,
    matched_rows: row?.matched_rows ?? 0,
    value_sets: Object.fromEntries(drugValueSets.map((name) => [name, matched[name] ?? { rows: 0, distinct_codes: 0 }])) as Record<DrugValueSet, ValueSetMatch>,
    supplied_ndc_codes: row?.supplied_ndc_codes ?? 0,
  };
}
