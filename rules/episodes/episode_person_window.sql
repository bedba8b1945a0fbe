-- Person-window exclusions for rules A and B (docs/rules.md §3). Grain: one row per episode not
-- excluded by §2; person_window_reason is died, not_enrolled or null.
with

params as (
    select as_of from run_params
),

-- §3: the person window is [index, min(index + 365, as_of)].
episode_window as (
    select
        episode.episode_id,
        episode.person_id,
        episode.index_date,
        episode.death_date,
        least(episode.index_date + 365, params.as_of) as window_end_date
    from episode
    cross join params
    where episode.exclusion_reason is null
),

-- §3 died: death_date within the window. A death before the index date is a data error and does
-- not exclude; a death after as_of is ignored (the window ends by as_of).
died as (
    select person_id, episode_id
    from episode_window
    where death_date between index_date and window_end_date
),

-- §3: coverage rows starting after as_of are ignored; an open end runs on.
coverage_in_scope as (
    select
        coverage.person_id,
        coverage.start_date,
        coalesce(coverage.end_date, date '9999-12-31') as end_date
    from coverage
    cross join params
    where coverage.start_date <= params.as_of
),

-- §3: persons with no coverage rows at all are not checked (registry and EHR data).
checked_window as (
    select *
    from episode_window
    where exists (
        select 1 from coverage_in_scope where coverage_in_scope.person_id = episode_window.person_id
    )
),

clipped_span as (
    select
        checked_window.person_id,
        checked_window.episode_id,
        checked_window.index_date,
        checked_window.window_end_date,
        greatest(coverage_in_scope.start_date, checked_window.index_date) as span_start_date,
        least(coverage_in_scope.end_date, checked_window.window_end_date) as span_end_date
    from checked_window
    inner join coverage_in_scope
        on coverage_in_scope.person_id = checked_window.person_id
        and coverage_in_scope.start_date <= checked_window.window_end_date
        and coverage_in_scope.end_date >= checked_window.index_date
),

-- §3: a gap is a maximal run of uncovered days inside the window. Before each span, the days
-- after the furthest end reached by the earlier spans (or from the window start) are a gap.
span_reach as (
    select
        *,
        coalesce(
            max(span_end_date) over (
                partition by person_id, episode_id
                order by span_start_date, span_end_date
                rows between unbounded preceding and 1 preceding
            ),
            index_date - 1
        ) as reached_date
    from clipped_span
),

leading_or_inner_gap as (
    select person_id, episode_id, cast(span_start_date - reached_date - 1 as integer) as gap_days
    from span_reach
    where span_start_date > reached_date + 1
),

-- §3: uncovered days at the end of the window are a gap too.
trailing_gap as (
    select person_id, episode_id, cast(max(window_end_date) - max(span_end_date) as integer) as gap_days
    from clipped_span
    group by person_id, episode_id
    having max(span_end_date) < max(window_end_date)
),

-- §3: a person with coverage rows but none touching the window is uncovered for all of it.
whole_window_gap as (
    select person_id, episode_id, cast(window_end_date - index_date + 1 as integer) as gap_days
    from checked_window
    where not exists (
        select 1
        from clipped_span
        where clipped_span.person_id = checked_window.person_id and clipped_span.episode_id = checked_window.episode_id
    )
),

window_gap as (
    select * from leading_or_inner_gap
    union all
    select * from trailing_gap
    union all
    select * from whole_window_gap
),

-- §3 not_enrolled: more than one gap, or one gap longer than 45 days (45 allowed, 46 not).
not_enrolled as (
    select person_id, episode_id
    from window_gap
    group by person_id, episode_id
    having count(*) > 1 or max(gap_days) > 45
),

-- §3: exclusions in order (died, then not_enrolled); the first that applies is the reason.
final as (
    select
        episode_window.episode_id,
        episode_window.person_id,
        episode_window.window_end_date,
        case
            when died.episode_id is not null then 'died'
            when not_enrolled.episode_id is not null then 'not_enrolled'
        end as person_window_reason
    from episode_window
    left join died
        on died.person_id = episode_window.person_id
        and died.episode_id = episode_window.episode_id
    left join not_enrolled
        on not_enrolled.person_id = episode_window.person_id
        and not_enrolled.episode_id = episode_window.episode_id
)

select * from final
