-- Rule C exceptions (docs/rules.md §6). Grain: one row per early augmentation with a documented
-- exception: the first by priority (hospital_admission, parenteral_opioid,
-- analgesic_contraindication), with the event that documents it.
with

early_augmentation as (
    select episode_id, person_id, index_date, augmentation_date
    from early_augmentation_first_augmentation
    where is_early
),

-- §6: a stay's fracture codes are its events (by stay_id) in the two fracture value sets with
-- any 7th character; no osteoporosis co-diagnosis needed.
stay_with_fracture_code as (
    select distinct inpatient_stay.person_id, inpatient_stay.stay_id, inpatient_stay.admission_date
    from inpatient_stay
    inner join tagged_event
        on tagged_event.person_id = inpatient_stay.person_id
        and tagged_event.stay_id = inpatient_stay.stay_id
        and tagged_event.value_set in ('vertebral_fracture_osteoporotic', 'vertebral_fracture_other')
),

-- §6 exception 1 hospital_admission: a stay admitted in [index - 7, augmentation date] with a
-- vertebral fracture code on the stay.
hospital_admission as (
    select
        early_augmentation.episode_id,
        early_augmentation.person_id,
        1 as priority,
        'hospital_admission' as exception_reason,
        stay_with_fracture_code.admission_date as exception_date,
        stay_with_fracture_code.stay_id as exception_code
    from early_augmentation
    inner join stay_with_fracture_code
        on stay_with_fracture_code.person_id = early_augmentation.person_id
        and stay_with_fracture_code.admission_date
            between early_augmentation.index_date - 7 and early_augmentation.augmentation_date
),

-- §6 exception 2 parenteral_opioid: a parenteral_opioid event (HCPCS), or an opioid drug event with
-- route IV, IM or SC, in [index, augmentation date].
parenteral_opioid as (
    select
        early_augmentation.episode_id,
        early_augmentation.person_id,
        2 as priority,
        'parenteral_opioid' as exception_reason,
        tagged_event.event_date as exception_date,
        tagged_event.code as exception_code
    from early_augmentation
    inner join tagged_event
        on tagged_event.person_id = early_augmentation.person_id
        and tagged_event.event_date between early_augmentation.index_date and early_augmentation.augmentation_date
    where tagged_event.value_set = 'parenteral_opioid'
        or (
            tagged_event.value_set = 'opioid_ingredient'
            and tagged_event.route in ('IV', 'IM', 'SC', 'INTRAVENOUS', 'INTRAMUSCULAR', 'SUBCUTANEOUS')
        )
),

-- §6 exception 3 analgesic_contraindication: a diagnosis in [index - 365, augmentation date].
analgesic_contraindication as (
    select
        early_augmentation.episode_id,
        early_augmentation.person_id,
        3 as priority,
        'analgesic_contraindication' as exception_reason,
        tagged_event.event_date as exception_date,
        tagged_event.code as exception_code
    from early_augmentation
    inner join tagged_event
        on tagged_event.person_id = early_augmentation.person_id
        and tagged_event.event_date
            between early_augmentation.index_date - 365 and early_augmentation.augmentation_date
    where tagged_event.value_set = 'analgesic_contraindication'
),

any_exception as (
    select * from hospital_admission
    union all
    select * from parenteral_opioid
    union all
    select * from analgesic_contraindication
),

-- §6: the first exception found in priority order is the reason.
ranked as (
    select
        *,
        row_number() over (
            partition by person_id, episode_id order by priority, exception_date, exception_code collate "C"
        ) as exception_rank
    from any_exception
),

final as (
    select episode_id, person_id, exception_reason, exception_date, exception_code
    from ranked
    where exception_rank = 1
)

select * from final
