/**
 * SQL selecting one row per planted enrollment span (person_id, payer, as_of, the span's number per
 * person `span_no` and a struct `span` {s, e}) of
 * persons with coverage. The plan's holes cut the span [cov_start, cov_end]; some persons' spans are
 * split at each 1 January (contiguous rows that must merge) or carry an extra overlapping row, and an
 * open end (null) replaces as_of for some. Nothing starts or ends after as_of.
 */
export function coverageSpansSql(): string {
  const spans = `list_filter(case
    when h1s is null then [{s: cov_start, e: cov_end}]
    when h2s is null then [{s: cov_start, e: h1s - 1}, {s: h1e + 1, e: cov_end}]
    else [{s: cov_start, e: h1s - 1}, {s: h1e + 1, e: h2s - 1}, {s: h2e + 1, e: cov_end}]
  end, sp -> sp.e >= sp.s)`;
  const yearly = `flatten(list_transform(${spans}, sp -> list_transform(generate_series(year(sp.s), year(sp.e)),
    y -> {s: greatest(sp.s, make_date(y, 1, 1)), e: least(sp.e, make_date(y, 12, 31))})))`;
  const pieces = `list_concat(case when split_yearly then ${yearly} else ${spans} end,
    case when dup_span then [{s: cov_start, e: cov_start + 30}] else [] end)`;
  return `select person_id, payer, gender_word, birth_date, death_date, as_of, piece.n as span_no,
    {s: piece.s, e: case when open_end and piece.e = as_of then null else piece.e end} as span
  from (
    select person_id, payer, as_of, open_end, birth_date, death_date,
      case sex when 'F' then 'female' when 'M' then 'male' else 'unknown' end as gender_word,
      unnest(list_transform(${pieces}, (pc, n) -> {s: pc.s, e: pc.e, n: n})) as piece
    from person_plan
    where has_cov
  )`;
}
