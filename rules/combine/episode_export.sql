-- The research export (docs/contracts.md, Outputs: episodes.csv / episodes.parquet). Grain: one row
-- per episode. Every rule's status, reason and evidence date (from
-- patient_gaps, so episode exclusions read as there), then the therapy course (docs/rules.md §8).
-- The runner checks the columns against the rule pack, so a rule added to rulepack.json without
-- its three columns here fails the run.
with

params as (
    select as_of from run_params
),

episode_row as (
    select * from episode
),

gap_row as (
    select episode_id, person_id, rule_id, status, reason, evidence_date
    from patient_gaps
),

course_row as (
    select * from therapy_course
),

untreated_12m as (
    select * from gap_row where rule_id = 'untreated-12m'
),

calcium_vitamin_d as (
    select * from gap_row where rule_id = 'calcium-vitamin-d'
),

early_augmentation as (
    select * from gap_row where rule_id = 'early-augmentation'
),

-- §2: a death dated after as_of is ignored everywhere, so the export does not show it either.
-- episode_exclusion is the §2 reason, empty when the episode is judged; the course columns are
-- empty for excluded episodes (§8 is computed for judged episodes only).
final as (
    select
        episode_row.person_id,
        episode_row.episode_id,
        episode_row.index_date,
        episode_row.fracture_level,
        episode_row.age_at_index,
        episode_row.sex,
        episode_row.site,
        episode_row.payer,
        case when episode_row.death_date <= params.as_of then episode_row.death_date end as death_date,
        episode_row.exclusion_reason as episode_exclusion,
        untreated_12m.status as untreated_12m_status,
        untreated_12m.reason as untreated_12m_reason,
        untreated_12m.evidence_date as untreated_12m_evidence_date,
        calcium_vitamin_d.status as calcium_vitamin_d_status,
        calcium_vitamin_d.reason as calcium_vitamin_d_reason,
        calcium_vitamin_d.evidence_date as calcium_vitamin_d_evidence_date,
        early_augmentation.status as early_augmentation_status,
        early_augmentation.reason as early_augmentation_reason,
        early_augmentation.evidence_date as early_augmentation_evidence_date,
        course_row.course_status,
        course_row.therapy_start_date,
        course_row.first_ingredient,
        course_row.ingredients,
        course_row.new_user,
        course_row.follow_up_end_date,
        course_row.censor_reason,
        course_row.follow_up_days,
        course_row.outpatient_days,
        course_row.covered_days,
        course_row.pdc,
        course_row.adherent,
        course_row.discontinued,
        course_row.discontinuation_date,
        course_row.persistence_days,
        course_row.switched
    from episode_row
    cross join params
    left join untreated_12m
        on untreated_12m.person_id = episode_row.person_id
        and untreated_12m.episode_id = episode_row.episode_id
    left join calcium_vitamin_d
        on calcium_vitamin_d.person_id = episode_row.person_id
        and calcium_vitamin_d.episode_id = episode_row.episode_id
    left join early_augmentation
        on early_augmentation.person_id = episode_row.person_id
        and early_augmentation.episode_id = episode_row.episode_id
    left join course_row on course_row.episode_id = episode_row.episode_id
)

-- Stored sorted by person_id, index_date (the order of episodes.csv), like patient_gaps: the
-- writer copies the rows as stored (pipeline/writeEpisodes.ts).
select * from final
order by person_id collate "C", index_date
