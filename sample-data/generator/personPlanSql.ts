import { episodeDraws, episodeScenarioColumns, episodeTruthColumns } from './episodePlanColumns.js';
import { below, pick, u } from './random.js';
import { stagedSelect } from './stagedSelect.js';

/**
 * Person-level draws, in stages. Keys: person i for person draws, i * 4 + episode number for
 * episode draws. Every column of the plan is a function of (seed, i, as_of, has_registry) only:
 * has_registry (events format, not portable) plants registry notes and persons without coverage.
 */
const personDraws = [
  'fx', 'gap', 'age', 'age2', 'i1', 'i2', 'sex', 'sexfmt', 'payer', 'site', 'death', 'death2', 'cov', 'enr', 'enr2',
  'enr3', 'covstart', 'tgt', 'trap', 'trap2', 'split', 'open', 'nvis', 'nfill', 'bgstay', 'bgstay2', 'bgsup', 'bgsup2',
].map((salt) => `${u('i', `p_${salt}`)} as u_${salt}`);

/**
 * Episode exists for persons with at least `n` episodes; second episodes are >= 766 days apart (or
 * 366: edge). A share `share` of persons has an episode, one in seven of them two (0.42: 0.58 / 0.94).
 */
const personCategories = (share: number): string => `
  case when u_fx < ${(1 - share).toFixed(9)} then 0 when u_fx < ${(1 - share / 7).toFixed(9)} then 1 else 2 end as n_ep0,
  case when n_ep0 = 0 then ${pick('u_age', [['unknown', 0.02], ['under', 0.03], ['normal', 1]])}
       else ${pick('u_age', [['unknown', 0.01], ['under', 0.02], ['edge50', 0.003], ['edge49', 0.003], ['feb29_50', 0.002], ['feb29_49', 0.002], ['normal', 1]])}
  end as age_cat,
  case when age_cat in ('edge50', 'edge49', 'feb29_50', 'feb29_49') then 1 else n_ep0 end as n_ep,
  (n_ep = 2 and u_gap < 0.1) as edge_gap,
  year(as_of) - 51 - ((year(as_of) - 51) % 4) as leap_b`;

const personDates = `
  case
    when age_cat = 'feb29_50' then make_date(leap_b::bigint + 50, 3, 1)
    when age_cat = 'feb29_49' then make_date(leap_b::bigint + 50, 2, 28)
    when edge_gap then as_of - 1460 + ${below('u_i1', 1460 - 366 + 1)}
    when n_ep = 2 then as_of - 1460 + ${below('u_i1', 694)}
    else as_of - ${below('u_i1', 1461)}
  end as i1,
  case when edge_gap then i1 + 366 when n_ep = 2 then i1 + 766 + ${below('u_i2', '(as_of - i1) - 766 + 1')} end as i2,
  coalesce(i2, i1) as last_index,
  case age_cat
    when 'unknown' then null
    when 'under' then i1 - (10958 + ${below('u_age2', 5113)})
    when 'edge50' then (i1 - interval 50 year)::date
    when 'edge49' then (i1 - interval 50 year)::date + 1
    when 'feb29_50' then make_date(leap_b::bigint, 2, 29)
    when 'feb29_49' then make_date(leap_b::bigint, 2, 29)
    else i1 - (20089 + ${below('u_age2', 12784)})
  end as birth_date,
  ${pick('u_sex', [['F', 0.78], ['M', 0.2], ['U', 1]])} as sex,
  ${pick('u_payer', [['medicare', 0.7], ['commercial', 0.2], ['medicaid', 1]])} as payer,
  'site_' || (1 + ${below('u_site', 3)}) as site,
  case
    when i = 0 then 'none'
    when n_ep = 0 then (case when u_death < 0.03 then 'other' else 'none' end)
    when u_death < 0.09 then 'in_window'
    when u_death < 0.12 then (case when as_of - last_index >= 366 then 'after_window' else 'none' end)
    when u_death < 0.125 and not edge_gap then 'before_index'
    else 'none'
  end as death_cat,
  case when n_ep = 2 and u_tgt < 0.5 then i2 else i1 end as tgt,
  (not has_registry or u_cov >= 0.06) as has_cov,
  ${pick('u_enr', [['gap_small', 0.03], ['gap45', 0.02], ['gap46', 0.02], ['two_gaps', 0.015], ['late_start', 0.01], ['late_start_long', 0.01], ['early_end', 0.015], ['full', 1]])} as enr_cat,
  n_ep = 0 and u_trap < 0.15 as has_trap,
  ${pick('u_trap2', [['subsequent', 0.33], ['other_no_osteo', 0.27], ['other_osteo_outside', 0.13], ['therapy_no_fx', 1]])} as trap_cat,
  ${below('u_nvis', 11)} as n_vis,
  ${below('u_nfill', 13)} as n_fill,
  n_ep = 0 and u_bgstay < 0.04 as has_bg_stay,
  case when n_ep = 0 and u_bgsup < 0.12 then ${pick('u_bgsup2', [['calcium600', 0.4], ['vitd1000', 0.4], ['calcium_d', 1]])} end as bg_supplement,
  as_of - 1860 as bg_start,
  u_split < 0.3 as split_yearly,
  u_split > 0.95 as dup_span,
  u_open < 0.2 as open_end,
  u_sexfmt < 0.2 as sex_words,
  u_bgstay2 < 0.5 as bg_stay_pneumonia`;

const personDeathAndCoverage = `
  case death_cat
    when 'in_window' then last_index + (case
      when u_death2 < 0.05 then 0
      when u_death2 < 0.10 and as_of - last_index >= 365 then 365
      else ${below('u_death2', 'least(365, as_of - last_index) + 1')} end)
    when 'after_window' then last_index + 366 + ${below('u_death2', 'as_of - last_index - 366 + 1')}
    when 'before_index' then last_index - 1 - ${below('u_death2', 30)}
    when 'other' then as_of - ${below('u_death2', 1400)}
  end as death_date,
  case when death_cat in ('in_window', 'after_window', 'other') then death_date else as_of end as data_end,
  least(i1 - 120 - ${below('u_covstart', 700)}, data_end - 30) as cov_start,
  case when enr_cat = 'early_end' then least(data_end, tgt + 200) else data_end end as cov_end,
  case enr_cat
    when 'gap_small' then tgt + 5 + ${below('u_enr2', 300)}
    when 'gap45' then tgt + 5 + ${below('u_enr2', 300)}
    when 'gap46' then tgt + 5 + ${below('u_enr2', 300)}
    when 'two_gaps' then tgt + 10 + ${below('u_enr2', 100)}
    when 'late_start' then tgt - 100
    when 'late_start_long' then tgt - 100
  end as h1s_plan,
  h1s_plan + case enr_cat
    when 'gap_small' then 4 + ${below('u_enr3', 26)}
    when 'gap45' then 44
    when 'gap46' then 45
    when 'two_gaps' then 9 + ${below('u_enr3', 11)}
    when 'late_start' then 119
    when 'late_start_long' then 159
  end as h1e_plan,
  case when enr_cat = 'two_gaps' then h1e_plan + 30 + ${below('u_enr3', 100)} end as h2s_plan,
  h2s_plan + 9 + ${below('u_enr2', 11)} as h2e_plan`;

/** Holes end at least two days before cov_end so that a hole and the tail never touch. */
const personHoles = `
  case when h1s_plan <= cov_end - 2 then h1s_plan end as h1s,
  case when h1s_plan <= cov_end - 2 then least(h1e_plan, cov_end - 2) end as h1e,
  case when h2s_plan <= cov_end - 2 then h2s_plan end as h2s,
  case when h2s_plan <= cov_end - 2 then least(h2e_plan, cov_end - 2) end as h2e`;

/**
 * SQL creating table `person_plan` (one row per person) from tables `gen_params` and `gen_persons`;
 * `episodeShare` is the fraction of persons with a fracture episode.
 */
export function personPlanSql(episodeShare = 0.42): string {
  const epDraws = [1, 2].flatMap((n) => episodeDraws(n));
  const draws = `(select i, printf('P%07d', i) as person_id, g.seed, g.as_of, g.has_registry,
    ${[...personDraws, ...epDraws].join(',\n    ')}
  from gen_persons, gen_params as g)`;
  const derived = [
    personCategories(episodeShare),
    personDates,
    personDeathAndCoverage,
    personHoles,
    episodeScenarioColumns(1),
    episodeScenarioColumns(2),
    episodeTruthColumns(1),
    episodeTruthColumns(2),
  ].join(',\n');
  return `create table person_plan as
select columns(c -> not regexp_matches(c, '^(e[12]_)?u_')) from ${stagedSelect(draws, derived)}`;
}
