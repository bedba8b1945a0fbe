-- Therapy course start (docs/rules.md §8). Grain: one row per episode without an episode exclusion
-- (§2); start_date is null when no course started. Also the course window and the in-scope death.
with

params as (
    select as_of, course_days from run_params
),

judged_episode as (
    select episode_id, person_id, index_date, death_date
    from episode
    where exclusion_reason is null
),

-- The countable therapy events of rule A (§4, shared pass rules/therapy-events), dated by as_of.
therapy as (
    select person_id, event_date, ingredient
    from therapy_event
),

-- §8 start: the earliest therapy event dated in [index, min(index + 365, as_of)]. Therapy active at
-- the fracture from an earlier event does not start a course; the first event on or after the
-- index date does. rank() keeps every event of the start date, for first_ingredient.
ranked_event as (
    select
        judged_episode.episode_id,
        judged_episode.person_id,
        therapy.event_date,
        therapy.ingredient,
        rank() over (
            partition by judged_episode.person_id, judged_episode.episode_id order by therapy.event_date
        ) as date_rank
    from judged_episode
    inner join therapy
        on therapy.person_id = judged_episode.person_id
        and therapy.event_date between judged_episode.index_date and judged_episode.index_date + 365
),

start_event as (
    select episode_id, person_id, event_date, ingredient
    from ranked_event
    where date_rank = 1
),

-- §8 first_ingredient: the start event's ingredient, alphabetically first when several events of
-- different ingredients share the start date.
course_start as (
    select
        episode_id,
        person_id,
        min(event_date) as start_date,
        min(ingredient collate "C") as first_ingredient
    from start_event
    group by episode_id, person_id
),

-- §8 new_user: no therapy event dated in [start - 365, start - 1].
prior_user as (
    select distinct course_start.person_id, course_start.episode_id
    from course_start
    inner join therapy
        on therapy.person_id = course_start.person_id
        and therapy.event_date between course_start.start_date - 365 and course_start.start_date - 1
),

-- §2: a death dated after as_of is ignored. §8: the course window ends on start + course_days - 1;
-- W = min(that day, death date, as_of) (least() skips a null death date).
final as (
    select
        judged_episode.episode_id,
        judged_episode.person_id,
        judged_episode.index_date,
        course_start.start_date,
        course_start.first_ingredient,
        case when course_start.start_date is not null then prior_user.episode_id is null end as new_user,
        case when judged_episode.death_date <= params.as_of then judged_episode.death_date end as death_date,
        course_start.start_date + params.course_days - 1 as course_end_date,
        least(
            course_start.start_date + params.course_days - 1,
            case when judged_episode.death_date <= params.as_of then judged_episode.death_date end,
            params.as_of
        ) as window_end_date
    from judged_episode
    cross join params
    left join course_start
        on course_start.person_id = judged_episode.person_id
        and course_start.episode_id = judged_episode.episode_id
    left join prior_user
        on prior_user.person_id = judged_episode.person_id
        and prior_user.episode_id = judged_episode.episode_id
)

select * from final
