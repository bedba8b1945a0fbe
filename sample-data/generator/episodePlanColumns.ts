import { courseFillColumns, courseSalts, preIndexConflict } from './courseFillPlan.js';
import { below, pick, u } from './random.js';

const episodeSalts = [
  'fx', 'fxo', 'fxo2', 'fxc', 'set', 'los', 'dup', 'rep', 'r1', 'r2', 'r3', 'r365', 'rc', 'fu', 'fuo', 'img', 'imgo', 'dxa',
  'a', 'ad', 'ao', 'ao2', 'ar', 'ca', 'cav', 'cao', 'cao2', 'cao3', 'vd', 'vdv', 'vdo', 'vdo2', 'vdo3', 'combo',
  'c', 'co', 'co2', 'cac', 'cl', 'c2', 'c2o', 'ch', 'cho', 'cho2', 'clos', 'cpcs', 'copo', 'copo2', 'copc', 'ccto', 'ccto2',
  'cctc', 'cmulti', 'nm1', 'nm2', 'nm3', 'nm4', 'nmo', 'm', 'mo', 'mo2', 'mc', ...courseSalts,
];

/** The uniform draws of episode `n` (1 or 2), keyed by i * 4 + n. */
export function episodeDraws(n: number): string[] {
  return episodeSalts.map((salt) => `${u(`(i * 4 + ${n})`, `e_${salt}`)} as e${n}_u_${salt}`);
}

const preIndexTherapy = `('active', 'expired', 'ds_missing_active', 'dmab_active_edge', 'dmab_expired_edge')`;

/**
 * rs_s / rs_e: the one rule-planted stay that can fall after the index date (the index stay, the
 * exception stay or the near-miss stay without a fracture code; never two at once), on which the
 * therapy course pauses. Its ends (ix_end, hs_end, nn_end) are the encounters' own.
 *
 * The planted scenario of episode `n`: index date and code, repeats, and per rule the planted
 * category with its offsets (days from the index date). `bare` (first episode of a 366-day pair)
 * plants nothing a rule looks at; `restr` (second episode of that pair) plants nothing before its
 * index date that could fall into the first episode's windows.
 */
export function episodeScenarioColumns(n: number): string {
  const p = `e${n}_`;
  const d = (salt: string): string => `${p}u_${salt}`;
  const caOk = [['ndc', 0.4], ['exact', 0.1], ['no_ds', 0.08], ['low_plus_ok', 0.07], ['registry', 0.2], ['registry_unknown', 1]] as const;
  const low = [['ndc_low', 0.6], ['low_twice', 0.2], ['registry_low', 1]] as const;
  const component = (c: 'ca' | 'vd', missing: ReadonlyArray<readonly [string, number]>): string => `
  case
    when ${p}bare then 'none'
    when ${p}combo then 'combo'
    when ${p}${c} = 'ok' then (case ${pick(d(`${c}v`), caOk)} when 'registry' then (case when not has_registry then 'ndc' else 'registry' end)
      when 'registry_unknown' then (case when not has_registry then 'no_ds' else 'registry_unknown' end) else ${pick(d(`${c}v`), caOk)} end)
    when ${p}${c} = 'low' then (case when ${pick(d(`${c}v`), low)} = 'registry_low' and not has_registry then 'ndc_low' else ${pick(d(`${c}v`), low)} end)
    else (case when ${pick(d(`${c}v`), missing)} = 'outside_before' and ${p}restr then 'none' else ${pick(d(`${c}v`), missing)} end)
  end as ${p}${c}v,
  case when ${c === 'vd' ? `${p}combo` : 'false'} then ${c === 'vd' ? `${p}cao` : 'null'} else (case ${p}${c}v
    when 'outside_before' then -181
    when 'outside_after' then 366
    else (case when ${p}restr then ${below(d(`${c}o2`), 366)} when ${d(`${c}o`)} < 0.05 then -180 else -180 + ${below(d(`${c}o2`), 546)} end)
  end) end as ${p}${c}o,
  case when ${p}restr then ${below(d(`${c}o3`), 366)} else -180 + ${below(d(`${c}o3`), 546)} end as ${p}${c}o2`;

  return `
  n_ep >= ${n} as ${p}on,
  ${n === 1 ? 'i1' : 'i2'} as ${p}idx,
  ${n === 1 ? 'edge_gap' : 'false'} as ${p}bare,
  ${n === 2 ? 'edge_gap' : 'false'} as ${p}restr,
  ${pick(d('fx'), [['M80.08XA', 0.5], ['M80.88XA', 0.08], ['M48.56XA', 0.08], ['M48.54XA', 0.06], ['S32.010A', 0.12], ['S32.010B', 0.02], ['S22.060A', 1]])} as ${p}fx,
  ${p}fx not like 'M80%' as ${p}other,
  case
    when not ${p}other then null
    when ${p}restr then (case when ${d('fxo')} < 0.15 and ${p}idx + 90 <= data_end then 90 else 0 end)
    when ${d('fxo')} < 0.10 then -365
    when ${d('fxo')} < 0.15 and ${p}idx + 90 <= data_end then 90
    else -${below(d('fxo2'), 365)}
  end as ${p}osteo_off,
  case when ${d('fxc')} < 0.8 then 'M81.0' else 'M81.8' end as ${p}osteo_code,
  ${pick(d('rep'), [['0', 0.4], ['1', 0.3], ['2', 0.2], ['3', 1]])}::integer as ${p}nrep,
  case when ${d('r365')} < 0.03 then 365 else 1 + ${below(d('r1'), 365)} end as ${p}r1,
  1 + ${below(d('r2'), 365)} as ${p}r2,
  1 + ${below(d('r3'), 365)} as ${p}r3,
  case when ${d('rc')} >= 0.2 then ${p}fx when ${p}fx = 'M80.08XA' then 'S32.020A' else 'M80.08XA' end as ${p}rep_code,
  case when ${d('fu')} < 0.5 then 30 + ${below(d('fuo'), 90)} end as ${p}fu_off,
  ${d('dup')} < 0.07 as ${p}dup,
  case when ${d('img')} < 0.5 then ${below(d('imgo'), 15)} end as ${p}mri_off,
  case when ${d('dxa')} < 0.3 then 14 + ${below(d('imgo'), 47)} end as ${p}dxa_off,

  case when ${p}bare then 'none' else ${pick(d('a'), [
    ['started', 0.2], ['active', 0.04], ['onc_only', 0.01], ['expired', 0.01], ['late366', 0.01], ['unknown_units', 0.007],
    ['ds_missing_active', 0.006], ['dmab_active_edge', 0.005], ['dmab_expired_edge', 0.005], ['day365', 0.007], ['none', 1],
  ])} end as ${p}a0,
  case when (${p}restr or ${preIndexConflict(n)}) and ${p}a0 in ${preIndexTherapy} then 'none' else ${p}a0 end as ${p}a,
  case
    when ${p}a in ('onc_only', 'unknown_units', 'dmab_active_edge', 'dmab_expired_edge') then 'denosumab'
    when ${p}a in ('expired', 'ds_missing_active', 'late366') then 'alendronate'
    when ${p}a = 'active' then ${pick(d('ad'), [['alendronate', 0.5], ['denosumab', 0.3], ['zoledronic', 1]])}
    when ${p}a in ('started', 'day365') then ${pick(d('ad'), [['alendronate', 0.5], ['risedronate', 0.1], ['raloxifene', 0.05], ['denosumab', 0.2], ['zoledronic', 0.1], ['ibandronate', 1]])}
  end as ${p}a_drug,
  case ${p}a
    when 'started' then (case when ${d('ao')} < 0.05 then 0 else floor(${d('ao2')} * ${d('ao2')} * 366)::integer end)
    when 'day365' then 365
    when 'late366' then 366
    when 'onc_only' then ${below(d('ao2'), 366)}
    when 'unknown_units' then ${below(d('ao2'), 366)}
    when 'expired' then -28
    when 'ds_missing_active' then -29
    when 'dmab_active_edge' then -182
    when 'dmab_expired_edge' then -183
    when 'active' then (case ${p}a_drug when 'alendronate' then -(1 + ${below(d('ao2'), 20)})
      when 'denosumab' then -(30 + ${below(d('ao2'), 121)}) else -(30 + ${below(d('ao2'), 271)}) end)
  end as ${p}a_off,
  ${p}a_drug in ('alendronate', 'risedronate', 'raloxifene') as ${p}a_oral,
  case when ${p}a = 'ds_missing_active' then null when ${p}a_drug = 'raloxifene' then 30 when ${p}a_oral then 28 end as ${p}a_ds,
  case when ${p}a_drug = 'raloxifene' then 30 when ${p}a_oral then 4 end as ${p}a_qty,
  case ${p}a_drug when 'denosumab' then (case ${p}a when 'onc_only' then 120 when 'unknown_units' then null else 60 end)
    when 'zoledronic' then 5 when 'ibandronate' then 3 end as ${p}a_units,
  case when ${p}a_oral and ${p}a in ('started', 'active', 'day365') then ${below(d('ar'), 6)} else 0 end as ${p}a_nref,

  case when ${p}bare then 'missing' else ${pick(d('ca'), [['ok', 0.25], ['low', 0.07], ['missing', 1]])} end as ${p}ca,
  case when ${p}bare then 'missing'
    when ${p}ca = 'ok' then ${pick(d('vd'), [['ok', 0.75], ['low', 0.08], ['missing', 1]])}
    else ${pick(d('vd'), [['ok', 0.08], ['low', 0.05], ['missing', 1]])} end as ${p}vd,
  (${p}ca = ${p}vd and ${p}ca in ('ok', 'low') and ${d('combo')} < 0.3) as ${p}combo,
  ${component('ca', [['none', 0.8], ['outside_before', 0.12], ['outside_after', 1]])},
  ${component('vd', [['none', 0.7], ['outside_before', 0.12], ['outside_after', 0.08], ['calcitriol', 1]])},

  case when ${p}bare then 'none' else ${pick(d('c'), [
    ['after', 0.025], ['early_plain', 0.008], ['early_hosp', 0.008], ['early_opioid', 0.005], ['early_contra', 0.005],
    ['early_multi', 0.002], ['near_miss', 0.003], ['outside', 0.002], ['none', 1],
  ])} end as ${p}c,
  case ${p}c
    when 'none' then null
    when 'after' then (case when ${d('co')} < 0.05 then 90 else 90 + ${below(d('co2'), 276)} end)
    when 'outside' then 366
    else (case when ${d('co')} < 0.05 then 0 when ${d('co')} < 0.10 then 89 else ${below(d('co2'), 90)} end)
  end as ${p}aug_off,
  ${pick(d('cac'), [['22510', 0.2], ['22511', 0.15], ['22513', 0.3], ['22514', 1]])} as ${p}aug_code,
  case when ${d('cl')} < 0.25 then (case when ${p}aug_code in ('22510', '22511') then '22512' else '22515' end) end as ${p}aug_extra,
  case when ${p}c <> 'none' and ${d('c2')} < 0.15 and ${p}aug_off + 30 <= 365
    then ${p}aug_off + 30 + ${below(d('c2o'), `365 - ${p}aug_off - 30 + 1`)} end as ${p}aug2_off,
  ${pick(d('cmulti'), [['ho', 0.25], ['hc', 0.25], ['oc', 0.25], ['hoc', 1]])} as ${p}multi,
  (${p}c = 'early_hosp' or (${p}c = 'early_multi' and ${p}multi like '%h%')) as ${p}exc_h,
  (${p}c = 'early_opioid' or (${p}c = 'early_multi' and ${p}multi like '%o%')) as ${p}exc_o,
  (${p}c = 'early_contra' or (${p}c = 'early_multi' and ${p}multi like '%c%')) as ${p}exc_c,
  case when ${p}exc_h then (case when ${d('ch')} < 0.1 then -7 when ${d('ch')} < 0.2 then -(1 + ${below(d('cho'), 6)})
    when ${d('ch')} < 0.3 then ${p}aug_off else ${below(d('cho2'), `${p}aug_off + 1`)} end) end as ${p}stay_off,
  1 + ${below(d('clos'), 8)} as ${p}stay_los,
  (${p}exc_h and ${d('cpcs')} < 0.5 and ${p}idx + ${p}aug_off <= data_end) as ${p}stay_pcs,
  case when ${p}exc_o then (case when ${d('copo')} < 0.1 then 0 when ${d('copo')} < 0.2 then ${p}aug_off
    else ${below(d('copo2'), `${p}aug_off + 1`)} end) end as ${p}op_off,
  case when ${d('copc')} < 0.7 then 'J2270' else 'J1170' end as ${p}op_code,
  case when ${p}exc_c then (case when ${d('ccto')} < 0.1 then -365 when ${d('ccto')} < 0.2 then ${p}aug_off
    else -365 + ${below(d('ccto2'), `${p}aug_off + 366`)} end) end as ${p}ct_off,
  ${pick(d('cctc'), [['Z88.5', 0.4], ['N18.5', 0.3], ['K25.9', 1]])} as ${p}ct_code,
  (${p}c = 'near_miss' and ${d('nm1')} < 0.5) as ${p}nm_stay8,
  (${p}c = 'near_miss' and ${d('nm2')} < 0.5) as ${p}nm_op,
  (${p}c = 'near_miss' and ${d('nm4')} < 0.4) as ${p}nm_stay_nofx,
  (${p}c = 'near_miss' and (${d('nm3')} < 0.5 or not (${p}nm_stay8 or ${p}nm_op or ${p}nm_stay_nofx))) as ${p}nm_ct,
  case when ${p}nm_stay_nofx then ${below(d('nmo'), `${p}aug_off + 1`)} end as ${p}nm_nofx_off,
  case
    when ${p}exc_h and ${p}stay_off = 0 then 'ip'
    when ${p}c in ('none', 'after', 'outside') and ${d('set')} < 0.12 then 'ip'
    when ${d('set')} < 0.45 then 'op'
    else 'prof'
  end as ${p}setting,
  case when ${p}exc_h and ${p}stay_off = 0 then ${p}stay_los else 1 + ${below(d('los'), 8)} end as ${p}ix_los,
  least(greatest(${p}idx + ${p}ix_los, case when ${p}stay_pcs and ${p}stay_off = 0 then ${p}idx + ${p}aug_off end), data_end) as ${p}ix_end,
  least(greatest(${p}idx + ${p}stay_off + ${p}stay_los, case when ${p}stay_pcs then ${p}idx + ${p}aug_off end), data_end) as ${p}hs_end,
  least(${p}idx + ${p}nm_nofx_off + 3, data_end) as ${p}nn_end,
  case when ${p}setting = 'ip' then ${p}idx when ${p}exc_h and ${p}stay_off <> 0 then ${p}idx + ${p}stay_off
    when ${p}nm_stay_nofx then ${p}idx + ${p}nm_nofx_off end as ${p}rs_s,
  case when ${p}setting = 'ip' then ${p}ix_end when ${p}exc_h and ${p}stay_off <> 0 then ${p}hs_end
    when ${p}nm_stay_nofx then ${p}nn_end end as ${p}rs_e,

  case when ${p}bare then 'none' else ${pick(d('m'), [['in', 0.02], ['near_after', 0.003], ['near_before', 0.003], ['none', 1]])} end as ${p}m0,
  case when ${p}restr and ${p}m0 = 'near_before' then 'none' else ${p}m0 end as ${p}m,
  case ${p}m
    when 'in' then (case when ${d('mo')} < 0.05 then (case when ${p}restr then 0 else -365 end) when ${d('mo')} < 0.10 then 30
      when ${p}restr then ${below(d('mo2'), 31)} else -365 + ${below(d('mo2'), 396)} end)
    when 'near_after' then 31
    when 'near_before' then -366
  end as ${p}m_off,
  ${pick(d('mc'), [['C79.51', 0.4], ['C90.00', 0.3], ['M84.58XA', 1]])} as ${p}m_code,
  ${courseFillColumns(n)}`;
}

/**
 * The expected (status, reason) of every rule for episode `n`, derived from the plan: an event
 * planted at index + offset exists when that date is <= data_end (as_of, or the death date).
 */
export function episodeTruthColumns(n: number): string {
  const p = `e${n}_`;
  const at = (offset: string): string => `(${p}idx + ${offset} <= data_end)`;
  const gap = (start: string, end: string): string =>
    `case when (${start}) is null then 0 else greatest(0, least(${p}win_end, ${end}) - greatest(${p}idx, ${start}) + 1) end`;
  const component = (c: 'ca' | 'vd'): string => `
  case
    when (${p}${c} = 'ok' and ${p}${c}v <> 'low_plus_ok' and ${at(`${p}${c}o`)}) or (${p}${c}v = 'low_plus_ok' and ${at(`${p}${c}o2`)}) then 'ok'
    when (${p}${c} = 'low' or ${p}${c}v = 'low_plus_ok') and ${at(`${p}${c}o`)} then 'low'
    else 'missing'
  end as ${p}${c}_state`;
  return `
  least(${p}idx + 365, as_of) as ${p}win_end,
  case
    when birth_date is null then 'unknown_age'
    when age_cat in ('under', 'edge49', 'feb29_49') then 'age_under_min'
    when ${p}m = 'in' and ${at(`${p}m_off`)} then 'malignancy'
  end as ${p}episode_exclusion,
  ${gap('h1s', 'h1e')} as ${p}gap1,
  ${gap('h2s', 'h2e')} as ${p}gap2,
  case when cov_end < as_of then ${gap('cov_end + 1', 'as_of')} else 0 end as ${p}gap3,
  case
    when death_date between ${p}idx and ${p}win_end then 'died'
    when has_cov and ((${p}gap1 > 0)::int + (${p}gap2 > 0)::int + (${p}gap3 > 0)::int >= 2
      or greatest(${p}gap1, ${p}gap2, ${p}gap3) > 45) then 'not_enrolled'
  end as ${p}window_exclusion,
  as_of >= ${p}idx + 365 as ${p}matured,
  case
    when ${p}a in ('active', 'ds_missing_active', 'dmab_active_edge') then 'therapy_active_at_fracture'
    when ${p}a in ('started', 'day365', 'unknown_units') and ${at(`${p}a_off`)} then 'therapy_started'
  end as ${p}a_closed,
  ${component('ca')},
  ${component('vd')},
  (${p}aug_off is not null and ${p}aug_off <= 365 and ${at(`${p}aug_off`)}) as ${p}aug_judged,
  case
    when not ${p}aug_judged then null
    when ${p}aug_off >= 90 then 'after_conservative_care'
    when ${p}exc_h then 'hospital_admission'
    when ${p}exc_o then 'parenteral_opioid'
    when ${p}exc_c then 'analgesic_contraindication'
    else 'before_90_days'
  end as ${p}c_reason`;
}
