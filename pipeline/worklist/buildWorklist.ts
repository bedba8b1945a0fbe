import type { Db } from '../db.js';

/**
 * Creates the `worklist` table (docs/contracts.md, worklist.csv): one row per (episode, rule) of
 * rules A and B whose status is open or prospective, with days until due and the latest evidence
 * seen. Must run after the rule pack and BEFORE pseudonymisation: it joins the rules' evidence
 * tables, which carry the real person ids (pseudonymise the table afterwards like patient_gaps).
 *
 * Latest evidence: for rule A the latest countable osteoporosis therapy event up to as_of (none of
 * them covers the rule's window, or the row would be closed: it shows a course that ended before
 * the fracture or one started after the window); for rule B the latest calcium or vitamin D event
 * inside the rule's evidence window (docs/rules.md §5), whatever its dose.
 */
export async function buildWorklist(db: Db): Promise<void> {
  await db.run(worklistSql);
}

const worklistSql = `
create or replace temp table worklist as
with

params as (
    select as_of from run_params
),

gap as (
    select * from patient_gaps
),

tagged as (
    select * from tagged_event
),

supplement_evidence as (
    select * from calcium_vitamin_d_evidence
),

value_set_display as (
    select value_set, code_system, code, display from value_set_code
),

-- docs/contracts.md (worklist.csv): the gaps someone can still act on are the open and prospective
-- rows of rules A and B; rule C's procedure has already happened.
actionable_gap as (
    select *
    from gap
    where rule_id in ('untreated-12m', 'calcium-vitamin-d')
        and status in ('open', 'prospective')
),

-- docs/rules.md §4: therapy events as rule A counts them (J0897 above its max units is the
-- oncology product, not therapy), for the persons on the worklist only.
therapy_seen as (
    select
        tagged.person_id,
        tagged.event_date,
        tagged.code,
        value_set_display.display
    from tagged
    left join value_set_display
        on value_set_display.value_set = tagged.value_set
        and value_set_display.code_system = tagged.code_system
        and value_set_display.code = tagged.value_set_code
    where tagged.value_set = 'osteoporosis_therapy'
        and (tagged.units is null or tagged.max_units is null or tagged.units <= tagged.max_units)
        and tagged.person_id in (select person_id from actionable_gap where rule_id = 'untreated-12m')
),

latest_therapy as (
    select
        actionable_gap.episode_id,
        therapy_seen.event_date,
        therapy_seen.code,
        therapy_seen.display
    from actionable_gap
    inner join therapy_seen on therapy_seen.person_id = actionable_gap.person_id
    where actionable_gap.rule_id = 'untreated-12m'
    qualify row_number() over (
        partition by actionable_gap.episode_id order by therapy_seen.event_date desc, therapy_seen.code
    ) = 1
),

-- docs/rules.md §5: the supplement events rule B judged (its evidence window, IV calcium left out),
-- low doses included: the latest tells outreach what was last documented.
latest_supplement as (
    select
        supplement_evidence.episode_id,
        supplement_evidence.event_date,
        supplement_evidence.code,
        value_set_display.display
    from supplement_evidence
    inner join tagged
        on tagged.event_id = supplement_evidence.event_id
        and tagged.value_set = case supplement_evidence.component
            when 'calcium' then 'calcium_supplement'
            else 'vitamin_d_supplement'
        end
    left join value_set_display
        on value_set_display.value_set = tagged.value_set
        and value_set_display.code_system = tagged.code_system
        and value_set_display.code = tagged.value_set_code
    where supplement_evidence.episode_id in (
        select episode_id from actionable_gap where rule_id = 'calcium-vitamin-d'
    )
    qualify row_number() over (
        partition by supplement_evidence.episode_id
        order by supplement_evidence.event_date desc, supplement_evidence.code, value_set_display.display
    ) = 1
),

latest_evidence as (
    select 'untreated-12m' as rule_id, * from latest_therapy
    union all
    select 'calcium-vitamin-d' as rule_id, * from latest_supplement
),

-- docs/contracts.md: days_until_due = due_date - as_of (open rows have no due date: their window
-- has passed).
final as (
    select
        actionable_gap.person_id,
        actionable_gap.site,
        actionable_gap.rule_id,
        actionable_gap.status,
        actionable_gap.reason,
        actionable_gap.index_date,
        actionable_gap.due_date,
        cast(actionable_gap.due_date - params.as_of as integer) as days_until_due,
        latest_evidence.event_date as last_evidence_date,
        latest_evidence.code as last_evidence_code,
        latest_evidence.display as last_evidence_display,
        actionable_gap.age_at_index,
        actionable_gap.sex,
        actionable_gap.fracture_level,
        actionable_gap.episode_id
    from actionable_gap
    cross join params
    left join latest_evidence
        on latest_evidence.episode_id = actionable_gap.episode_id
        and latest_evidence.rule_id = actionable_gap.rule_id
)

select * from final`;
