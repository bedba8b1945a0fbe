/**
 * The generator's intermediate shape: one struct per planted encounter (a visit, a stay, a fill, a
 * registry note), built per person as a list in SQL and rendered later into either input format.
 * Codes are kept in their dotted display form; the writers decide how each row spells them.
 */
export const lineType = 'struct(cs varchar, c varchar, u double)';

export const encounterType =
  'struct(k varchar, t varchar, d date, e date, pos varchar, dx varchar[], ' +
  `ln ${lineType}[], pcs varchar, pd date, ndc varchar, q double, ds integer, rc varchar, dd double, du varchar, rt varchar)`;

/** Encounter kinds: professional claim, inpatient stay, outpatient facility (ED), pharmacy fill, registry note. */
export type EncounterKind = 'prof' | 'ip' | 'op' | 'rx' | 'reg';

/** One billed line: code system, code (SQL expressions) and units. */
export interface LineSpec {
  cs: string;
  code: string;
  units?: string;
}

/** SQL expressions for the fields of one encounter; omitted fields are null. */
export interface EncounterSpec {
  key: string;
  kind: EncounterKind;
  date: string;
  end?: string;
  pos?: string;
  dx?: string[];
  lines?: LineSpec[];
  /** A SQL list expression of lines, instead of `lines`. */
  linesExpr?: string;
  pcs?: string;
  pcsDate?: string;
  ndc?: string;
  qty?: string;
  ds?: string;
  reg?: string;
  dose?: string;
  doseUnit?: string;
  route?: string;
}

const orNull = (expr: string | undefined): string => expr ?? 'null';

/** A SQL string literal of a constant this module's callers choose (codes, kinds), never user input. */
export function lit(value: string): string {
  if (!/^[A-Za-z0-9._ -]*$/.test(value)) throw new Error(`not a plain literal: ${value}`);
  return `'${value}'`;
}

/** SQL struct literal of one encounter, with every field present and typed. */
export function encounter(spec: EncounterSpec): string {
  const lines = (spec.lines ?? []).map(lineStruct);
  const lineList = spec.linesExpr ?? `[${lines.join(', ')}]`;
  return (
    `{k: (${spec.key})::varchar, t: ${lit(spec.kind)}, d: (${spec.date})::date, e: (${orNull(spec.end)})::date, ` +
    `pos: (${orNull(spec.pos)})::varchar, dx: [${(spec.dx ?? []).join(', ')}]::varchar[], ln: (${lineList})::${lineType}[], ` +
    `pcs: (${orNull(spec.pcs)})::varchar, pd: (${orNull(spec.pcsDate)})::date, ndc: (${orNull(spec.ndc)})::varchar, ` +
    `q: (${orNull(spec.qty)})::double, ds: (${orNull(spec.ds)})::integer, rc: (${orNull(spec.reg)})::varchar, ` +
    `dd: (${orNull(spec.dose)})::double, du: (${orNull(spec.doseUnit)})::varchar, rt: (${orNull(spec.route)})::varchar}`
  );
}

/** SQL struct literal of one line. */
export function lineStruct(line: LineSpec): string {
  return `{cs: ${line.cs}, c: ${line.code}, u: (${orNull(line.units)})::double}`;
}

/**
 * A template: encounters planted for the persons of `person_plan` that satisfy `where`; `x` is
 * either one encounter struct or `unnest(<list of encounters>)`.
 */
export interface Template {
  where: string;
  x: string;
}

/** One encounter for each person where `condition` holds. */
export function when(condition: string, encounterSql: string): Template {
  return { where: condition, x: encounterSql };
}

/** Several encounters (a SQL list expression) for each person where `condition` holds. */
export function each(condition: string, list: string): Template {
  return { where: condition, x: `unnest(${list})` };
}

/** CPT line helper. */
export const cpt = (code: string): LineSpec => ({ cs: lit('CPT'), code: lit(code) });
