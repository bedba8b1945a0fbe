const statusOf = (p: string): Record<string, string> => {
  const excluded = `case when ${p}episode_exclusion is not null then {status: 'excluded', reason: ${p}episode_exclusion}`;
  const windowExcluded = `when ${p}window_exclusion is not null then {status: 'excluded', reason: ${p}window_exclusion}`;
  const openOrProspective = (reason: string): string =>
    `{status: case when ${p}matured then 'open' else 'prospective' end, reason: ${reason}}`;
  const bReason = `concat_ws('+',
      case ${p}ca_state when 'missing' then 'missing_calcium' when 'low' then 'low_calcium_dose' end,
      case ${p}vd_state when 'missing' then 'missing_vitamin_d' when 'low' then 'low_vitamin_d_dose' end)`;
  return {
    'untreated-12m': `${excluded} ${windowExcluded}
      when ${p}a_closed is not null then {status: 'closed', reason: ${p}a_closed}
      else ${openOrProspective(`'no_therapy'`)} end`,
    'calcium-vitamin-d': `${excluded} ${windowExcluded}
      when ${p}ca_state = 'ok' and ${p}vd_state = 'ok' then {status: 'closed', reason: 'supplemented'}
      else ${openOrProspective(bReason)} end`,
    'early-augmentation': `${excluded}
      when ${p}c_reason is null then {status: 'not_applicable', reason: 'no_augmentation'}
      when ${p}c_reason = 'before_90_days' then {status: 'open', reason: 'before_90_days'}
      else {status: 'closed', reason: ${p}c_reason} end`,
  };
};

/** The planted scenario of an episode as a short label, for reading mismatches. */
const scenarioOf = (p: string): string =>
  `concat_ws(';', 'fx=' || ${p}fx, 'age=' || age_cat, 'a=' || ${p}a, 'ca=' || ${p}ca || '/' || ${p}cav, 'vd=' || ${p}vd || '/' || ${p}vdv,
    'c=' || ${p}c, 'm=' || ${p}m, 'death=' || death_cat, 'enr=' || enr_cat, case when edge_gap then 'edge_gap' end)`;

function episodeStruct(n: number): string {
  const p = `e${n}_`;
  const rules = Object.entries(statusOf(p)).map(
    ([ruleId, expr]) => `{rule_id: '${ruleId}', result: (${expr})}`,
  );
  return `{present: ${p}on, episode_id: person_id || ':' || strftime(${p}idx, '%Y-%m-%d'), scenario: ${scenarioOf(p)},
    rules: [${rules.join(',\n      ')}]}`;
}

/**
 * The query behind truth.csv: the expected status and reason of every (episode, rule), derived from
 * the planted scenario columns of `person_plan` (never by running the pipeline), sorted by
 * episode_id and rule_id.
 */
export function truthQuery(): string {
  return `select episode_id, r.rule_id, r.result.status as status, r.result.reason as reason, scenario
from (
  select ep.episode_id, ep.scenario, unnest(ep.rules) as r
  from (select unnest(list_filter([${episodeStruct(1)}, ${episodeStruct(2)}], e -> e.present)) as ep from person_plan)
)
order by episode_id, r.rule_id`;
}
