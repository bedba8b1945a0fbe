-- Therapy supply on the course timeline (docs/rules.md §8, PQA carry-over per ingredient).
-- Grain: one row per therapy event of a course that adds supply, with the outpatient days it covers
-- (numbers on the course timeline, 1 = the first outpatient day of follow-up).
with

followed_course as (
    select course_follow_up.episode_id, course_follow_up.person_id, course_follow_up.start_date, course_follow_up.follow_up_end_date
    from course_follow_up
    where course_follow_up.follow_up_end_date >= course_follow_up.start_date
),

segment as (
    select episode_id, person_id, segment_start_date, segment_end_date, day_count, first_outpatient_day
    from course_outpatient_segment
),

course_length as (
    select episode_id, person_id, cast(sum(day_count) as integer) as outpatient_days
    from segment
    group by episode_id, person_id
),

-- §8: each ingredient's therapy events dated in [start, follow_up_end_date].
course_event as (
    select
        followed_course.episode_id,
        followed_course.person_id,
        therapy_event.event_id,
        therapy_event.event_date,
        therapy_event.ingredient,
        therapy_event.cover_days
    from followed_course
    inner join therapy_event
        on therapy_event.person_id = followed_course.person_id
        and therapy_event.event_date between followed_course.start_date and followed_course.follow_up_end_date
),

-- §8: an event becomes available on its date or, when that is an inpatient day, on the next
-- outpatient day. The last segment starting on or before the event date decides (an as-of match:
-- the segments starting by then, the latest kept): inside it, the day's own number; after its end
-- (a stay), the next segment's first number; no such segment (a stay at the start of follow-up),
-- outpatient day 1.
event_segment as (
    select
        course_event.episode_id,
        course_event.person_id,
        course_event.event_id,
        course_event.event_date,
        course_event.ingredient,
        course_event.cover_days,
        segment.episode_id as segment_episode_id,
        segment.segment_start_date,
        segment.segment_end_date,
        segment.day_count,
        segment.first_outpatient_day,
        row_number() over (
            partition by course_event.person_id, course_event.episode_id, course_event.event_id
            order by segment.segment_start_date desc nulls last
        ) as segment_rank
    from course_event
    left join segment
        on segment.person_id = course_event.person_id
        and segment.episode_id = course_event.episode_id
        and course_event.event_date >= segment.segment_start_date
),

available_event as (
    select
        episode_id,
        person_id,
        event_id,
        event_date,
        ingredient,
        cover_days,
        case
            when segment_episode_id is null then 1
            when event_date <= segment_end_date
                then first_outpatient_day + cast(event_date - segment_start_date as integer)
            else first_outpatient_day + day_count
        end as available_day
    from event_segment
    where segment_rank = 1
),

-- §8 carry-over chain per ingredient, in date order: each event fills cover days from
-- max(its available day, the day after the previous event's supply ends); events of one day stack.
-- The chain looks sequential, but in outpatient-day numbers it has a closed form that window
-- functions compute in one pass: with C_k the cumulative cover of events 1..k,
--     end_k = max over j <= k of (available_j + cover_j + ... + cover_k) - 1
--           = C_k + max over j <= k of (available_j - C_(j-1)) - 1,
-- and start_k = end_k - cover_k + 1. (Induction: end_k = max(available_k, end_(k-1) + 1) + cover_k - 1.)
-- Inpatient days have no number, so a stay pauses the supply by construction.
chained_cover as (
    select
        *,
        sum(cover_days) over chain as cumulative_cover
    from available_event
    window chain as (
        partition by person_id, episode_id, ingredient
        order by event_date, event_id
        rows between unbounded preceding and current row
    )
),

chain_end as (
    select
        *,
        cumulative_cover
            + max(available_day - (cumulative_cover - cover_days)) over chain
            - 1 as supply_last_day
    from chained_cover
    window chain as (
        partition by person_id, episode_id, ingredient
        order by event_date, event_id
        rows between unbounded preceding and current row
    )
),

-- §8: supply is never carried past the follow-up end; an event available after the last
-- outpatient day adds none.
final as (
    select
        chain_end.episode_id,
        chain_end.person_id,
        chain_end.event_id,
        chain_end.event_date,
        chain_end.ingredient,
        chain_end.cover_days,
        chain_end.available_day,
        cast(chain_end.supply_last_day - chain_end.cover_days + 1 as integer) as supply_first_day,
        cast(least(chain_end.supply_last_day, course_length.outpatient_days) as integer) as supply_last_day
    from chain_end
    inner join course_length
        on course_length.person_id = chain_end.person_id
        and course_length.episode_id = chain_end.episode_id
    where chain_end.supply_last_day - chain_end.cover_days + 1 <= course_length.outpatient_days
)

select * from final
