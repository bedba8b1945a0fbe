-- Qualifying fracture diagnoses (docs/rules.md §2). Grain: one row per qualifying diagnosis event.
with

fracture_diagnosis as (
    select
        event_id,
        person_id,
        event_date as diagnosis_date,
        code_system,
        code,
        value_set,
        coalesce(fracture_level, 'unspecified') as fracture_level
    from tagged_event
    where value_set in ('vertebral_fracture_osteoporotic', 'vertebral_fracture_other')
),

osteoporosis_diagnosis as (
    select person_id, event_date
    from tagged_event
    where value_set = 'osteoporosis_diagnosis'
),

-- §2: only initial-encounter codes (7th character A or B) qualify; D, G, K, P, S never start an
-- episode. ICD-9-CM codes have no 7th character.
initial_encounter as (
    select *
    from fracture_diagnosis
    where code_system <> 'ICD10CM' or substr(code, 7, 1) in ('A', 'B')
),

-- §2: vertebral_fracture_osteoporotic qualifies on its own.
osteoporotic_fracture as (
    select *
    from initial_encounter
    where value_set = 'vertebral_fracture_osteoporotic'
),

-- §2: vertebral_fracture_other qualifies only with an osteoporosis_diagnosis dated from 365 days
-- before to 90 days after it (diagnoses after as_of were dropped by tagging).
other_fracture_with_osteoporosis as (
    select *
    from initial_encounter
    where value_set = 'vertebral_fracture_other'
        and exists (
            select 1
            from osteoporosis_diagnosis
            where osteoporosis_diagnosis.person_id = initial_encounter.person_id
                and osteoporosis_diagnosis.event_date
                    between initial_encounter.diagnosis_date - 365 and initial_encounter.diagnosis_date + 90
        )
),

final as (
    select * from osteoporotic_fracture
    union all
    select * from other_fracture_with_osteoporosis
)

select * from final
