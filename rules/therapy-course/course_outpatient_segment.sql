-- The course timeline as intervals (docs/rules.md §8). Grain: one row per maximal run of
-- outpatient days in a course's follow-up. No date spine: the follow-up [start, follow_up_end_date]
-- minus the inpatient stays is a handful of segments per course, each numbered by the outpatient days
-- before it, so a calendar date maps to its outpatient-day number (first_outpatient_day +
-- date - segment_start_date) and back with one as-of join.
with

followed_course as (
    select episode_id, person_id, start_date, follow_up_end_date
    from course_follow_up
    where follow_up_end_date >= start_date
),

-- §8 inpatient days: admission to discharge, both inclusive, of every inpatient stay (a stay without
-- a discharge date is its admission day, as the loaders read it). Clipped to the follow-up.
clipped_stay as (
    select
        followed_course.person_id,
        followed_course.episode_id,
        followed_course.start_date,
        followed_course.follow_up_end_date,
        greatest(inpatient_stay.admission_date, followed_course.start_date) as stay_start_date,
        least(coalesce(inpatient_stay.discharge_date, inpatient_stay.admission_date), followed_course.follow_up_end_date)
            as stay_end_date
    from followed_course
    inner join inpatient_stay
        on inpatient_stay.person_id = followed_course.person_id
        and inpatient_stay.admission_date <= followed_course.follow_up_end_date
        and coalesce(inpatient_stay.discharge_date, inpatient_stay.admission_date) >= followed_course.start_date
        -- A discharge before the admission is a data error the loaders reject; never a negative stay.
        and coalesce(inpatient_stay.discharge_date, inpatient_stay.admission_date) >= inpatient_stay.admission_date
),

-- Outpatient days are the runs the stays leave uncovered (overlapping stays count once): before
-- each stay, the days after the furthest discharge of the earlier stays (or from the start).
stay_reach as (
    select
        *,
        coalesce(
            max(stay_end_date) over (
                partition by person_id, episode_id
                order by stay_start_date, stay_end_date
                rows between unbounded preceding and 1 preceding
            ),
            start_date - 1
        ) as reached_date
    from clipped_stay
),

before_stay_segment as (
    select person_id, episode_id, reached_date + 1 as segment_start_date, stay_start_date - 1 as segment_end_date
    from stay_reach
    where stay_start_date > reached_date + 1
),

after_last_stay_segment as (
    select person_id, episode_id, max(stay_end_date) + 1 as segment_start_date, max(follow_up_end_date) as segment_end_date
    from clipped_stay
    group by person_id, episode_id
    having max(stay_end_date) < max(follow_up_end_date)
),

no_stay_segment as (
    select person_id, episode_id, start_date as segment_start_date, follow_up_end_date as segment_end_date
    from followed_course
    where not exists (
        select 1
        from clipped_stay
        where clipped_stay.person_id = followed_course.person_id and clipped_stay.episode_id = followed_course.episode_id
    )
),

segment as (
    select * from before_stay_segment
    union all
    select * from after_last_stay_segment
    union all
    select * from no_stay_segment
),

-- Outpatient days are numbered 1, 2, ... in date order: a segment's first day is 1 + the
-- outpatient days of the segments before it (a cumulative count, not a spine).
final as (
    select
        episode_id,
        person_id,
        segment_start_date,
        segment_end_date,
        cast(segment_end_date - segment_start_date + 1 as integer) as day_count,
        cast(
            1 + coalesce(
                sum(segment_end_date - segment_start_date + 1) over (
                    partition by person_id, episode_id
                    order by segment_start_date
                    rows between unbounded preceding and 1 preceding
                ),
                0
            )
        as integer) as first_outpatient_day
    from segment
)

select * from final
