import { sep } from 'node:path';
import type { DrugCodeCounts, ValueSetMatch } from '../../dataQuality/drugCodes.js';
import { shippedValueSetDir } from '../../rules/loadValueSets.js';
import { drugValueSets, type DrugValueSet } from '../../valuesets/importedRow.js';
import type { PgDb } from './pgDb.js';

/**
 * countDrugCodes (pipeline/dataQuality/drugCodes.ts) in PostgreSQL, where the events are: the same
 * counts over tagging_event, tagged_event and value_set_code. Counts only; no patient data.
 */
const drugCodeSql = `
with

params as (
    select as_of from run_params
),

-- Pharmacy rows: drug events within the run's horizon (docs/rules.md §2: nothing after as_of counts).
drug_event as (
    select tagging_event.event_id, tagging_event.code_system, upper(tagging_event.code) as code
    from tagging_event
    cross join params
    where tagging_event.domain = 'drug' and tagging_event.event_date <= params.as_of
),

drug_tag as (
    select event_id, value_set, code_system, code
    from tagged_event
    where domain = 'drug' and value_set = any($value_sets::text[])
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
        and value_set = any($value_sets::text[])
        and left(origin_file, length($shipped_dir::text)) <> $shipped_dir::text
),

final as (
    select
        (select count(*) from drug_event)::integer as pharmacy_rows,
        (select count(distinct code_system || ':' || code) from drug_event)::integer as distinct_codes,
        (select count(*) from drug_event where code_system = 'NDC')::integer as ndc_rows,
        (select count(distinct event_id) from drug_tag)::integer as matched_rows,
        (select supplied_ndc_codes from supplied_ndc) as supplied_ndc_codes,
        (select coalesce(json_object_agg(value_set, json_build_object('rows', row_count, 'distinct_codes', distinct_code_count)), '{}')
            from per_value_set)::text as per_value_set
)

select * from final`;

/** The drug-code counts of manifest.json `data_quality.drug_codes`, counted in PostgreSQL. */
export async function countDrugCodesInPostgres(db: PgDb): Promise<DrugCodeCounts> {
  const row = await db.one<Omit<DrugCodeCounts, 'value_sets'> & { per_value_set: string }>(drugCodeSql, {
    value_sets: [...drugValueSets],
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
