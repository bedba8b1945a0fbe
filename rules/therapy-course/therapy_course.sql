-- The therapy course: adherence and persistence (docs/rules.md §8). Grain: one row per episode
-- without an episode exclusion (§2); the course columns of the episodes export.
with

params as (
    select permissible_gap_days, adherence_threshold from run_params
),

started as (
    select episode_id, person_id, start_date, first_ingredient, new_user
    from course_start
),

follow_up as (
    select episode_id, person_id, start_date, follow_up_end_date, censor_reason, follow_up_days
    from course_follow_up
),

-- §8: outpatient_days = follow-up days that are not inpatient days.
timeline as (
    select episode_id, person_id, cast(sum(day_count) as integer) as outpatient_days
    from course_outpatient_segment
    group by episode_id, person_id
),

gap_total as (
    select episode_id, person_id, cast(sum(gap_days) as integer) as uncovered_days
    from course_gap
    group by episode_id, person_id
),

-- §8 persistence: the first gap longer than permissible_gap_days ends the course.
discontinuation as (
    select course_gap.episode_id, course_gap.person_id, min(course_gap.gap_start_date) as discontinuation_date
    from course_gap
    cross join params
    where course_gap.gap_days > params.permissible_gap_days
    group by course_gap.episode_id, course_gap.person_id
),

-- §8 switching: the distinct ingredients of the therapy events dated in [start, follow_up_end_date],
-- sorted by byte order (collation "C" in every engine), joined with "+".
course_ingredient as (
    select
        follow_up.episode_id,
        follow_up.person_id,
        string_agg(distinct therapy_event.ingredient collate "C", '+' order by therapy_event.ingredient collate "C")
            as ingredients,
        count(distinct therapy_event.ingredient) as ingredient_count
    from follow_up
    inner join therapy_event
        on therapy_event.person_id = follow_up.person_id
        and therapy_event.event_date between follow_up.start_date and follow_up.follow_up_end_date
    group by follow_up.episode_id, follow_up.person_id
),

measured as (
    select
        started.episode_id,
        started.start_date,
        started.first_ingredient,
        started.new_user,
        follow_up.follow_up_end_date,
        follow_up.censor_reason,
        follow_up.follow_up_days,
        coalesce(timeline.outpatient_days, 0) as outpatient_days,
        coalesce(timeline.outpatient_days, 0) - coalesce(gap_total.uncovered_days, 0) as covered_days,
        discontinuation.discontinuation_date,
        course_ingredient.ingredients,
        course_ingredient.ingredient_count,
        params.adherence_threshold
    from started
    cross join params
    left join follow_up
        on follow_up.person_id = started.person_id
        and follow_up.episode_id = started.episode_id
    left join timeline
        on timeline.person_id = started.person_id
        and timeline.episode_id = started.episode_id
    left join gap_total
        on gap_total.person_id = started.person_id
        and gap_total.episode_id = started.episode_id
    left join discontinuation
        on discontinuation.person_id = started.person_id
        and discontinuation.episode_id = started.episode_id
    left join course_ingredient
        on course_ingredient.person_id = started.person_id
        and course_ingredient.episode_id = started.episode_id
),

-- §8 course_status: not_started (every other column empty), no_follow_up (no outpatient day: the
-- supply, adherence, persistence and switching columns empty), complete (censor_reason empty) or
-- censored.
with_status as (
    select
        *,
        case
            when start_date is null then 'not_started'
            when outpatient_days = 0 then 'no_follow_up'
            when censor_reason is null then 'complete'
            else 'censored'
        end as course_status
    from measured
),

-- §8 adherence: pdc = covered_days / outpatient_days rounded half up to 4 decimals, in integer
-- arithmetic (floor((20000 c + n) / 2n) / 10000); adherent compares covered_days with
-- threshold x outpatient_days exactly (a decimal threshold), before any rounding.
-- §8 persistence_days: discontinuation_date - start, else follow_up_end_date - start + 1.
final as (
    select
        episode_id,
        course_status,
        start_date as therapy_start_date,
        first_ingredient,
        case when course_status in ('complete', 'censored') then ingredients end as ingredients,
        new_user,
        follow_up_end_date,
        censor_reason,
        follow_up_days,
        case when course_status <> 'not_started' then outpatient_days end as outpatient_days,
        case when course_status in ('complete', 'censored') then covered_days end as covered_days,
        case when course_status in ('complete', 'censored') then
            cast(cg_int_div(20000 * covered_days + outpatient_days, 2 * outpatient_days) / 10000.0 as decimal(5, 4))
        end as pdc,
        case when course_status in ('complete', 'censored') then
            covered_days >= adherence_threshold * outpatient_days
        end as adherent,
        case when course_status in ('complete', 'censored') then discontinuation_date is not null end as discontinued,
        case when course_status in ('complete', 'censored') then discontinuation_date end as discontinuation_date,
        case when course_status in ('complete', 'censored') then
            cast(coalesce(discontinuation_date - start_date, follow_up_end_date - start_date + 1) as integer)
        end as persistence_days,
        case when course_status in ('complete', 'censored') then ingredient_count > 1 end as switched
    from with_status
)

select * from final
