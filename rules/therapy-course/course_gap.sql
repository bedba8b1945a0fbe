-- Uncovered runs on the course timeline (docs/rules.md §8). Grain: one row per maximal run of
-- outpatient days no ingredient's supply covers, with its length and the calendar date of its
-- first day.
with

segment as (
    select episode_id, person_id, segment_start_date, day_count, first_outpatient_day
    from course_outpatient_segment
),

course_length as (
    select episode_id, person_id, cast(sum(day_count) as integer) as outpatient_days
    from segment
    group by episode_id, person_id
),

-- Empty intervals (a value-set row with cover_days 0) would split a gap in two: left out.
supply as (
    select episode_id, person_id, supply_first_day, supply_last_day
    from course_supply
    where supply_last_day >= supply_first_day
),

-- §8: a day is covered when some ingredient's supply covers it (the union of every chain). Before
-- each supply interval, the days after the furthest end the earlier intervals reached are a gap.
supply_reach as (
    select
        *,
        coalesce(
            max(supply_last_day) over (
                partition by person_id, episode_id
                order by supply_first_day, supply_last_day
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) as reached_day
    from supply
),

leading_or_inner_gap as (
    select episode_id, person_id, reached_day + 1 as gap_first_day, supply_first_day - reached_day - 1 as gap_days
    from supply_reach
    where supply_first_day > reached_day + 1
),

-- §8: a run cut by the follow-up end counts with the days it has.
trailing_gap as (
    select supply.episode_id, supply.person_id, max(supply.supply_last_day) + 1 as gap_first_day,
        max(course_length.outpatient_days) - max(supply.supply_last_day) as gap_days
    from supply
    inner join course_length
        on course_length.person_id = supply.person_id
        and course_length.episode_id = supply.episode_id
    group by supply.episode_id, supply.person_id
    having max(supply.supply_last_day) < max(course_length.outpatient_days)
),

whole_course_gap as (
    select episode_id, person_id, 1 as gap_first_day, outpatient_days as gap_days
    from course_length
    where not exists (
        select 1
        from supply
        where supply.person_id = course_length.person_id and supply.episode_id = course_length.episode_id
    )
),

gap as (
    select * from leading_or_inner_gap
    union all
    select * from trailing_gap
    union all
    select * from whole_course_gap
),

-- Outpatient-day number back to a calendar date: the segment holding the number (an as-of match
-- on its first number: the segments starting by then, the latest kept), then the same offset from
-- its first date.
gap_segment as (
    select
        gap.episode_id,
        gap.person_id,
        gap.gap_first_day,
        gap.gap_days,
        segment.segment_start_date,
        segment.first_outpatient_day,
        row_number() over (
            partition by gap.person_id, gap.episode_id, gap.gap_first_day
            order by segment.first_outpatient_day desc
        ) as segment_rank
    from gap
    inner join segment
        on segment.person_id = gap.person_id
        and segment.episode_id = gap.episode_id
        and gap.gap_first_day >= segment.first_outpatient_day
),

final as (
    select
        episode_id,
        person_id,
        cast(gap_first_day as integer) as gap_first_day,
        cast(gap_days as integer) as gap_days,
        segment_start_date + cast(gap_first_day - first_outpatient_day as integer) as gap_start_date
    from gap_segment
    where segment_rank = 1
)

select * from final
