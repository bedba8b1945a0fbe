-- Therapy course follow-up and censoring (docs/rules.md §8). Grain: one row per started course.
with

params as (
    select as_of from run_params
),

started_course as (
    select episode_id, person_id, start_date, course_end_date, window_end_date, death_date
    from course_start
    where start_date is not null
),

-- §3, §8: coverage rows starting after as_of are dropped; an open end runs on.
coverage_in_scope as (
    select
        coverage.person_id,
        coverage.start_date,
        coalesce(coverage.end_date, date '9999-12-31') as end_date
    from coverage
    cross join params
    where coverage.start_date <= params.as_of
),

-- §8: only persons with coverage rows are checked for disenrollment, over [start, W]
-- (empty when a death before the start made W < start).
checked_course as (
    select *
    from started_course
    where window_end_date >= start_date
        and exists (
            select 1 from coverage_in_scope where coverage_in_scope.person_id = started_course.person_id
        )
),

clipped_span as (
    select
        checked_course.person_id,
        checked_course.episode_id,
        checked_course.start_date,
        checked_course.window_end_date,
        greatest(coverage_in_scope.start_date, checked_course.start_date) as span_start_date,
        least(coverage_in_scope.end_date, checked_course.window_end_date) as span_end_date
    from checked_course
    inner join coverage_in_scope
        on coverage_in_scope.person_id = checked_course.person_id
        and coverage_in_scope.start_date <= checked_course.window_end_date
        and coverage_in_scope.end_date >= checked_course.start_date
),

-- Uncovered runs inside [start, W], counted inside it only (a run that began before the start
-- counts from the start): before each span, the days after the furthest end the earlier spans
-- reached (or from the start) are a run.
span_reach as (
    select
        *,
        coalesce(
            max(span_end_date) over (
                partition by person_id, episode_id
                order by span_start_date, span_end_date
                rows between unbounded preceding and 1 preceding
            ),
            start_date - 1
        ) as reached_date
    from clipped_span
),

leading_or_inner_run as (
    select person_id, episode_id, reached_date + 1 as run_start_date, cast(span_start_date - reached_date - 1 as integer) as run_days
    from span_reach
    where span_start_date > reached_date + 1
),

trailing_run as (
    select person_id, episode_id, max(span_end_date) + 1 as run_start_date, cast(max(window_end_date) - max(span_end_date) as integer) as run_days
    from clipped_span
    group by person_id, episode_id
    having max(span_end_date) < max(window_end_date)
),

whole_window_run as (
    select person_id, episode_id, start_date as run_start_date, cast(window_end_date - start_date + 1 as integer) as run_days
    from checked_course
    where not exists (
        select 1
        from clipped_span
        where clipped_span.person_id = checked_course.person_id and clipped_span.episode_id = checked_course.episode_id
    )
),

uncovered_run as (
    select * from leading_or_inner_run
    union all
    select * from trailing_run
    union all
    select * from whole_window_run
),

-- §8 disenrollment: the day before the first day of the first uncovered run longer than 45 days;
-- runs of 45 days or fewer do not end follow-up.
disenrollment as (
    select person_id, episode_id, min(run_start_date) - 1 as disenrolled_date
    from uncovered_run
    where run_days > 45
    group by person_id, episode_id
),

followed as (
    select
        started_course.*,
        disenrollment.disenrolled_date,
        least(started_course.window_end_date, disenrollment.disenrolled_date) as follow_up_end_date
    from started_course
    left join disenrollment
        on disenrollment.person_id = started_course.person_id
        and disenrollment.episode_id = started_course.episode_id
),

-- §8 censor_reason: what ended follow-up before start + course_days - 1; died, then disenrolled,
-- then as_of when several fall on the same day; empty when the whole course window was observed.
-- follow_up_days: follow_up_end_date - start + 1, or 0 when the end falls before the start (a death
-- recorded before the start, or disenrollment from the start day).
final as (
    select
        followed.episode_id,
        followed.person_id,
        followed.start_date,
        followed.follow_up_end_date,
        case
            when followed.follow_up_end_date >= followed.course_end_date then null
            when followed.follow_up_end_date = followed.death_date then 'died'
            when followed.follow_up_end_date = followed.disenrolled_date then 'disenrolled'
            when followed.follow_up_end_date = params.as_of then 'as_of'
        end as censor_reason,
        cast(greatest(followed.follow_up_end_date - followed.start_date + 1, 0) as integer) as follow_up_days
    from followed
    cross join params
)

select * from final
