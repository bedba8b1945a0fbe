import type { Db } from '../db.js';
import { quotedString } from '../sql.js';

/**
 * A superset test for "can this event match any value set?", built from the loaded value sets
 * (table `value_set_code`) before the loaders run, so loaders store only events tagging can use.
 *
 * Each value-set row has a literal prefix: the whole code for an exact row (CAREGAP codes such as
 * CALCIUM_SUPPLEMENT included), the text before the first `%` or `_` for a LIKE pattern
 * (docs/rules.md §1). An event can match a row only when its code system equals the row's and its
 * code begins with that prefix. Per code system, every prefix is cut to the system's shortest
 * prefix length `n`; an event is kept when the first `n` characters of its code are among those
 * cut prefixes. That keeps every event any row can match (a pattern with an empty prefix, `%`,
 * keeps the whole system), and some that no row matches; tagging decides exactly. Domain (the
 * ICD-9-CM ambiguity) and as_of are not looked at: they only narrow tagging further.
 *
 * Limits: codes are compared as the loaders normalise them (cg_code / cg_ndc: upper-case, no
 * dots, dashes or spaces), which is how value_set_code holds them.
 */
export interface RelevantCodes {
  /** SQL true when `code` (normalised) in the system named by SQL `system` may match a value set. */
  matches(systemSql: string, codeSql: string): string;
  /** SQL true when `code` may match a value set of any of `systems` (a cheaper pre-filter). */
  matchesAny(systems: string[], codeSql: string): string;
}

/** Keeps everything: used when no value sets were loaded before the loaders (tests, tools). */
export const keepAllCodes: RelevantCodes = {
  matches: () => 'true',
  matchesAny: () => 'true',
};

/**
 * Builds table `relevant_code_key` (code_system, key_length, code_key) from `value_set_code`
 * and returns the SQL tests over it. Reads only the value sets (no patient data).
 */
export async function buildRelevantCodes(db: Db, options: { constantListChars?: number } = {}): Promise<RelevantCodes> {
  // Key lists up to this many characters of SQL are written out as constants (list_contains per
  // value); longer ones are probed in relevant_code_key (a join). Tests set 0 to take the join.
  const constantListChars = options.constantListChars ?? 8000;
  await db.run(`
    create or replace table relevant_code_key as
    with

    value_set_prefix as (
        select code_system, case when is_pattern then literal_prefix else code end as prefix
        from value_set_code
    ),

    system_length as (
        select code_system, min(length(prefix)) as key_length
        from value_set_prefix
        group by code_system
    ),

    final as (
        select distinct
            value_set_prefix.code_system,
            system_length.key_length,
            value_set_prefix.code_system || ':' || left(value_set_prefix.prefix, system_length.key_length) as code_key
        from value_set_prefix
        inner join system_length using (code_system)
    )

    select * from final`);
  const rows = await db.all<{ code_system: string; key_length: number; code_key: string }>(
    'select code_system, key_length::integer as key_length, code_key from relevant_code_key order by code_system, code_key',
  );
  const lengths = new Map(rows.map((row) => [row.code_system, row.key_length]));
  const systems = [...lengths.keys()];
  const lengthCase = (systemSql: string): string =>
    systems.length === 0
      ? '0'
      : `case ${systemSql} ${systems.map((system) => `when ${quotedString(system)} then ${lengths.get(system)}`).join(' ')} else 0 end`;
  // Each system's key list (the code_key text after 'SYSTEM:'), and whether all of them are short
  // enough to write out as constant lists (list_contains per value) instead of probing the table.
  const keysOf = new Map<string, string[]>();
  for (const row of rows) {
    let keys = keysOf.get(row.code_system);
    if (keys === undefined) keysOf.set(row.code_system, (keys = []));
    keys.push(row.code_key.slice(row.code_system.length + 1));
  }
  const listLength = (keys: string[]): number => keys.reduce((sum, key) => sum + key.length + 4, 2);
  const allShort = [...keysOf.values()].reduce((sum, keys) => sum + listLength(keys), 0) <= constantListChars;
  const keyList = (keys: string[]): string => `[${keys.map((key) => quotedString(key)).join(', ')}]`;
  return {
    matches: (systemSql, codeSql) =>
      allShort
        ? systems.length === 0
          ? 'false'
          : `case ${systemSql} ${systems.map((system) => `when ${quotedString(system)} then list_contains(${keyList(keysOf.get(system) ?? [])}, left(${codeSql}, ${lengths.get(system)}))`).join(' ')} else false end`
        : `((${systemSql}) || ':' || left(${codeSql}, ${lengthCase(systemSql)})) in (select code_key from relevant_code_key)`,
    matchesAny: (wanted, codeSql) => {
      const present = wanted.filter((system) => lengths.has(system));
      if (present.length === 0) return 'false';
      const length = Math.min(...present.map((system) => lengths.get(system) ?? 0));
      const keys = [...new Set(rows.filter((row) => present.includes(row.code_system)).map((row) => row.code_key.slice(row.code_system.length + 1, row.code_system.length + 1 + length)))];
      // A short key list is a constant list (no join per value). list_contains compares the key
      // with each entry: at 19 keys half the CPU of searching one '|'-joined text for '|key|' (that
      // builds a string per value), a fifth at 300 keys. A long list is probed as a set instead.
      if (listLength(keys) <= constantListChars) {
        return `list_contains(${keyList(keys)}, left(${codeSql}, ${length}))`;
      }
      const list = present.map((system) => quotedString(system)).join(', ');
      return `left(${codeSql}, ${length}) in (select substr(code_key, length(code_system) + 2, ${length}) from relevant_code_key where code_system in (${list}))`;
    },
  };
}
