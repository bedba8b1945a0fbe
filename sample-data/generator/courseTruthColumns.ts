/**
 * The expected therapy course of episode `n` (docs/rules.md §8), derived in closed form from the plan
 * (courseFillPlan.ts), never by running the pipeline. What makes closed forms possible:
 * - follow-up: W = min(start + 364, death, as_of); disenrollment from the planted coverage holes and
 *   the coverage end, each run clipped to [start, W];
 * - at most two inpatient stays touch a course (the rule-planted one and the course stay), disjoint
 *   and in that order, so the outpatient-day number of a date and the date of a number are sums;
 * - every chain of fills is gap-free by construction except at the one planned gap: fills are on
 *   time or early in calendar days, and a stay only delays the supply, so each fill becomes available
 *   no later than the day after the supply before it ends. The covered outpatient days are therefore
 *   at most two blocks: [1, a_end] and [b, b_end].
 * DuckDB's least() and greatest() skip nulls, so optional dates are guarded before they are clipped.
 * A fill counts when dated in [start, follow_up_end]; its available day is (outpatient days before
 * its date) + 1, the next outpatient day when it is dated inside a stay.
 */
export function courseTruthColumns(n: number): string {
  const p = `e${n}_`;
  const start = `${p}cs0`;
  const end = `${p}ce`;
  /** Outpatient days of the follow-up from the start to date `day` (clipped to the follow-up end). */
  const overlap = (a: string, b: string, day: string): string => `coalesce(greatest(0, least(${b}, ${day}) - ${a} + 1), 0)`;
  const outpatientThrough = (day: string): string =>
    `(greatest(0, least(${day}, ${end}) - ${start} + 1) - ${overlap(`${p}ci1a`, `${p}ci1b`, day)} - ${overlap(`${p}ci2a`, `${p}ci2b`, day)})`;
  const available = (day: string): string => `(${outpatientThrough(`(${day}) - 1`)} + 1)`;
  /** Calendar date of outpatient day number `num`: shifted past each stay that lies before it. */
  const dateOf = (num: string): string => {
    const plain = `(${start} + ((${num}) - 1)::integer)`;
    const past1 = `(case when ${p}ci1l > 0 and ${plain} >= ${p}ci1a then ${plain} + ${p}ci1l::integer else ${plain} end)`;
    return `(case when ${p}ci2l > 0 and ${past1} >= ${p}ci2a then ${past1} + ${p}ci2l::integer else ${past1} end)`;
  };
  const phase = (ph: number, what: 'sum' | 'first'): string =>
    what === 'sum'
      ? `coalesce(list_sum(list_transform(list_filter(${p}ccnt, f -> f.ph = ${ph}), f -> f.c)), 0)::integer`
      : `${start} + list_min(list_transform(list_filter(${p}ccnt, f -> f.ph = ${ph}), f -> f.o))::integer`;
  const earlierEpisodeFill =
    n === 2 ? ` or coalesce(len(list_filter(e1_cfills, f -> e1_cs0 + f.o between ${start} - 365 and ${start} - 1)), 0) > 0` : '';
  return `
  least(${start} + 364, death_date, as_of) as ${p}cw,
  case when h1s is not null then greatest(h1s, ${start}) end as ${p}cr1s,
  least(h1e, ${p}cw) - ${p}cr1s + 1 as ${p}cr1l,
  case when h2s is not null then greatest(h2s, ${start}) end as ${p}cr2s,
  least(h2e, ${p}cw) - ${p}cr2s + 1 as ${p}cr2l,
  greatest(cov_end + 1, ${start}) as ${p}cr3s,
  ${p}cw - ${p}cr3s + 1 as ${p}cr3l,
  case
    when not has_cov or ${p}cw < ${start} then null
    when ${p}cr1l > 45 then ${p}cr1s - 1
    when ${p}cr2l > 45 then ${p}cr2s - 1
    when ${p}cr3l > 45 then ${p}cr3s - 1
  end as ${p}cdis,
  least(${p}cw, ${p}cdis) as ${p}ce,
  case
    when ${end} >= ${start} + 364 then null
    when ${end} = death_date then 'died'
    when ${end} = ${p}cdis then 'disenrolled'
    when ${end} = as_of then 'as_of'
  end as ${p}ccensor,
  greatest(${end} - ${start} + 1, 0) as ${p}cfud,
  case when ${p}rs_s is not null then greatest(${p}rs_s, ${start}) end as ${p}ci1a,
  case when ${p}rs_s is not null then least(${p}rs_e, ${end}) end as ${p}ci1b,
  coalesce(greatest(0, ${p}ci1b - ${p}ci1a + 1), 0) as ${p}ci1l,
  case when ${p}cst_on then greatest(${p}cst_s, ${start}) end as ${p}ci2a,
  case when ${p}cst_on then least(${p}cst_e, ${end}) end as ${p}ci2b,
  coalesce(greatest(0, ${p}ci2b - ${p}ci2a + 1), 0) as ${p}ci2l,
  case when ${end} >= ${start} then ${p}cfud - ${p}ci1l - ${p}ci2l else 0 end as ${p}co,
  list_filter(${p}cfills, f -> ${start} + f.o <= ${end}) as ${p}ccnt,
  ${phase(1, 'sum')} as ${p}ct1,
  ${phase(2, 'sum')} as ${p}ct2,
  ${phase(3, 'sum')} as ${p}cty,
  ${phase(2, 'first')} as ${p}cf2,
  ${phase(3, 'first')} as ${p}cfy,
  case when ${p}cty > 0 then greatest(${p}ct1, ${available(`${p}cfy`)} + ${p}cty - 1) else ${p}ct1 end as ${p}ca0,
  case when ${p}ct2 > 0 then greatest(${available(`${p}cf2`)}, ${p}ct1 + 1) end as ${p}cb0,
  case when ${p}cb0 = ${p}ct1 + 1 then ${p}cb0 + ${p}ct2 - 1 else ${p}ca0 end as ${p}caend,
  case when ${p}cb0 > ${p}ct1 + 1 then ${p}cb0 end as ${p}cb,
  ${p}cb + ${p}ct2 - 1 as ${p}cbend,
  least(${p}caend, ${p}co) + case when ${p}cb <= ${p}co then least(${p}cbend, ${p}co) - ${p}cb + 1 else 0 end as ${p}ccov,
  least(coalesce(${p}cb, ${p}co + 1), ${p}co + 1) - 1 - ${p}caend as ${p}cgap1,
  case when ${p}cb <= ${p}co then ${p}co - ${p}cbend end as ${p}cgap2,
  case when ${p}cgap1 > 60 then ${p}caend + 1 when ${p}cgap2 > 60 then ${p}cbend + 1 end as ${p}cdisc_n,
  ${dateOf(`${p}cdisc_n`)} as ${p}cdisc,
  list_sort(list_distinct(list_transform(${p}ccnt, f -> f.ing))) as ${p}cings,
  (20000 * ${p}ccov + ${p}co) // nullif(2 * ${p}co, 0) as ${p}cpdc4,
  case
    when ${p}episode_exclusion is not null then null
    when not ${p}con then 'not_started'
    when ${p}co = 0 then 'no_follow_up'
    when ${p}ccensor is null then 'complete'
    else 'censored'
  end as ${p}course_status,
  not (${p}a = 'active' or ${p}cpri = 'p365'${earlierEpisodeFill}) as ${p}cnew`;
}
