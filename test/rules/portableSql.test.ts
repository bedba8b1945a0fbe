// The rule pack's SQL is one source for every engine (docs/engines.md): no DuckDB-only or
// PostgreSQL-only construct in any pass, only the documented cg_* functions, and every join between
// person-level relations keyed by the person (scale-out: the passes split by person_id).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Db } from '../../pipeline/db.js';
import { defaultRuleParams } from '../../pipeline/params.js';
import { projectRoot } from '../../pipeline/projectRoot.js';
import { ruleFunctionFile, ruleFunctionNames } from '../../pipeline/rules/ruleFunctions.js';
import { loadRulePack } from '../../pipeline/rules/rulePack.js';
import { runRulePack } from '../../pipeline/rules/runRulePack.js';
import { joinsOf, passCode, passCtes, readRelations } from './passJoins.js';

const rulesDir = join(projectRoot(), 'rules');
const pack = loadRulePack();
const stages = [...pack.shared, ...pack.rules, ...pack.research, pack.combine];
const passes = stages.flatMap((stage) =>
  stage.passes.map((pass) => ({ stage: stage.id, table: pass.table, path: join(stage.dir, pass.file) })),
);

/** Constructs one engine lacks or reads differently, each with the portable form to use instead. */
const denied: [RegExp, string][] = [
  [/\bqualify\b/, 'qualify: rank in a CTE, then where rank = 1'],
  [/\bexclude\s*\(/, 'select * exclude: list the columns'],
  [/\breplace\s*\(\s*[^)]*\bas\b/, 'select * replace: list the columns'],
  [/\bstruct|\{\s*'/, 'structs: separate columns'],
  [/\blist_\w+|\blist\s*\(|\barray_\w+|\bunnest\b/, 'lists and arrays: string_agg or rows'],
  [/\barg_(?:min|max)\b|\b(?:min|max)_by\b|\bfirst\s*\(|\blast\s*\(|\bany_value\b/, 'arg_min and kin: row_number() in a CTE'],
  [/\bstrftime\b|\bstrptime\b|\bto_char\b|\bdate_format\b/, 'date formatting: cg_date_text()'],
  [/::/, ':: casts: cast(x as type)'],
  [/\browid\b|\bctid\b/, 'physical row ids: tagging_event.event_id'],
  [/\b(?:un)?pivot\b/, 'pivot: conditional aggregates'],
  [/\basof\b|\bpositional\s+join\b|\blateral\b/, 'as-of and positional joins: a join with row_number()'],
  [/\/\//, '// integer division: cg_int_div()'],
  [/\binterval\b|\bdate_(?:add|sub|diff|part|trunc)\b|\bdatediff\b|\bepoch\b|\bage\s*\(/, 'intervals and date functions: date +/- integer, date - date, extract()'],
  [/\b(?:year|month|day|dayofweek|week|quarter)\s*\(/, 'DuckDB date part functions: extract(part from date)'],
  [/\bregexp_\w+|\bsimilar\s+to\b|~/, 'regular expressions (full vs partial match differ): like, or a cg_* function'],
  [/\btry_cast\b|\btry\s*\(/, 'try_cast: validate before the pass'],
  [/\bifnull\b|\biff?\s*\(|\bnvl\b/, 'ifnull/if: coalesce, case'],
  [/\bcontains\s*\(|\bstarts_with\b|\bends_with\b|\bstring_split\b|\bstr_split\b|\bsplit\s*\(/, 'string helpers: like, strpos, split_part'],
  [/\bgroup\s+by\s+all\b|\border\s+by\s+all\b|\bcolumns\s*\(/, 'by all and columns(): name the columns'],
  [/\bcount_if\b|\bcountif\b|\bapprox_\w+|\bmedian\b|\bmode\s*\(|\bquantile\w*|\bhistogram\b/, 'DuckDB-only aggregates'],
  [/\bdouble\b(?!\s+precision)|\bhugeint\b|\bu(?:tiny|small|big)?int\b|\bubigint\b|\bstring\b(?!_agg)|\bint[1248]\b/, 'engine-specific type names: integer, bigint, double precision, varchar, decimal'],
  [/\bcreate\b|\binsert\b|\bupdate\b|\bdelete\b|\bdrop\b|\bmacro\b/, 'a pass is one select; the runner creates its table'],
  [/\bilike\b|\bglob\b/, 'ilike/glob: upper() and like'],
  [/\bcollate\s+(?!"c")/, 'collations other than "C" (byte order in every engine)'],
];

describe('portable rule SQL', () => {
  test('every_sql_file_under_rules_is_a_pass_of_the_rule_pack_or_a_function_file', () => {
    const files = (readdirSync(rulesDir, { recursive: true }) as string[])
      .filter((name) => name.endsWith('.sql'))
      .map((name) => join(rulesDir, name))
      .filter((path) => !path.startsWith(join(rulesDir, 'functions')))
      .sort();
    expect(files).toEqual(passes.map((pass) => pass.path).sort());
  });

  test.each(passes)('pass $table ($stage) uses no engine-only construct', ({ path }) => {
    const code = passCode(readFileSync(path, 'utf8'));
    const found = denied.filter(([pattern]) => pattern.test(code)).map(([pattern, why]) => `${why} (${pattern.source})`);
    expect(found, relative(rulesDir, path)).toEqual([]);
  });

  test.each(passes)('pass $table ($stage) calls only the documented cg_* functions', ({ path }) => {
    const called = [...passCode(readFileSync(path, 'utf8')).matchAll(/\b(cg_[a-z0-9_]*)\s*\(/g)].map((match) => match[1]);
    expect(called.filter((name) => !(ruleFunctionNames as readonly string[]).includes(name!))).toEqual([]);
  });

  test('each_engine_defines_exactly_the_documented_functions', () => {
    const duckdb = [...readFileSync(ruleFunctionFile('duckdb'), 'utf8').matchAll(/create or replace macro (cg_\w+)/g)].map((m) => m[1]);
    const postgres = [...readFileSync(ruleFunctionFile('postgres'), 'utf8').matchAll(/create or replace function (cg_\w+)/g)].map((m) => m[1]);
    expect(duckdb.sort()).toEqual([...ruleFunctionNames].sort());
    expect(postgres.sort()).toEqual([...ruleFunctionNames].sort());
  });

  test('the_denylist_rejects_the_duckdb_forms_the_passes_used_before', () => {
    const before = [
      'select * from x qualify row_number() over (partition by a order by b) = 1',
      'select x.* exclude (a) from x',
      'select arg_min(code, (event_date, code)) from x',
      "select strftime(d, '%Y-%m-%d') from x",
      'select array_to_string(list_sort(list_distinct(list(a))), \'+\') from x',
      'select x.rowid from x',
      'select * from a asof left join b on a.k = b.k and a.d >= b.d',
      'select (a + b) // c from x',
      'select year(d) from x',
    ];
    for (const sql of before) {
      expect(denied.some(([pattern]) => pattern.test(passCode(sql))), sql).toBe(true);
    }
  });
});

// Relations holding no person-level rows: the run's parameters, the value sets and the rule catalog.
// In a distributed database they are reference tables, copied to every node (docs/engines.md).
const referenceTables = new Set(['run_params', 'value_set_code', 'value_set_catalog', 'rule_catalog', 'rule_value_set']);

/**
 * Joins between person-level relations that are not keyed by person, each with why it may not be:
 * "pass table: CTE joined".
 */
const unkeyedJoins = new Map([
  [
    'patient_gaps: evidence_display_row',
    'a lookup per (rule, evidence code) built from the distinct evidence codes: a few hundred rows, no person in it',
  ],
  ['patient_gaps: result_row', 'rule_result stacks the rule results, whose columns the rule contract fixes (no person_id): joined on episode_id'],
  ['episode_export: course_row', 'therapy_course holds the course columns of episodes.csv only (no person_id): joined on episode_id'],
  [
    'tagged_event: code_tag',
    'the value-set tags per distinct (code system, code, domain): a few hundred rows, no person in it; each event takes its code\'s tags',
  ],
]);

/** Windows that may partition without person_id: lookups per code, with no person in them. */
const personlessPartitions = new Map([
  // The evidence display lookup per (rule, evidence code).
  ['patient_gaps', ['evidence_code_row.rule_id, evidence_code_row.evidence_code']],
  // The value-set rows matching each distinct event code, ranked once per code (not per event).
  ['tagged_event', ['code_system, code, domain_key, value_set', 'code_system, code, domain_key, value_set']],
]);

/** The person-level joins of a pass whose condition holds no person_id equality. */
function joinsWithoutPersonKey(table: string, text: string): string[] {
  const reference = new Set(referenceTables);
  const problems: string[] = [];
  for (const cte of passCtes(passCode(text))) {
    const reads = readRelations(cte.body);
    if (cte.name !== '' && reads.length > 0 && reads.every((name) => reference.has(name))) reference.add(cte.name);
    for (const joined of joinsOf(cte.body)) {
      if (reference.has(joined.relation)) continue;
      const alias = joined.alias;
      const keyed = new RegExp(`\\b${alias}\\.person_id\\s*=\\s*[a-z_]+\\.person_id\\b|\\b[a-z_]+\\.person_id\\s*=\\s*${alias}\\.person_id\\b`);
      if (!keyed.test(joined.condition) && !unkeyedJoins.has(`${table}: ${joined.relation}`)) {
        problems.push(`${cte.name || 'final select'} joins ${joined.relation} on ${joined.condition}`);
      }
    }
    for (const match of cte.body.matchAll(/\bexists\s*\(/g)) {
      const inner = cte.body.slice(match.index, cte.body.indexOf(')', match.index) + 1);
      if (!/\.person_id\s*=\s*[a-z_]+\.person_id\b/.test(inner)) problems.push(`${cte.name}: ${inner}`);
    }
  }
  return problems;
}

describe('person keying (scale-out, docs/engines.md)', () => {
  test.each(passes)('pass $table ($stage) joins person-level relations on person_id', ({ table, path }) => {
    expect(joinsWithoutPersonKey(table, readFileSync(path, 'utf8'))).toEqual([]);
  });

  test.each(passes)('pass $table ($stage) partitions every window by person_id', ({ table, path }) => {
    const partitions = [...passCode(readFileSync(path, 'utf8')).matchAll(/\bpartition\s+by\s+([\s\S]*?)(?=\border\s+by\b|\)|\brows\b)/g)]
      .map((match) => match[1]!.trim())
      .filter((columns) => !/\bperson_id\b/.test(columns));
    expect(partitions).toEqual(personlessPartitions.get(table) ?? []);
  });

  test('the_join_check_rejects_a_join_without_the_person_key', () => {
    const sql = `with a as (select person_id, event_date from tagged_event),
      b as (select person_id, index_date from episode)
      select * from a inner join b on b.index_date = a.event_date`;
    expect(joinsWithoutPersonKey('example', sql)).toEqual(['final select joins b on b.index_date = a.event_date']);
    const keyed = sql.replace('on b.index_date', 'on b.person_id = a.person_id and b.index_date');
    expect(joinsWithoutPersonKey('example', keyed)).toEqual([]);
  });

  test('every_pass_table_carries_person_id_but_the_contract_shaped_ones_which_carry_episode_id', async () => {
    const db = await Db.open({ threads: 1 });
    try {
      await db.run(readFileSync(join(projectRoot(), 'pipeline', 'sql', 'canonical.sql'), 'utf8'));
      await db.run(`insert into person values ('p1', date '1940-01-15', 'F', null, null, null)`);
      await db.run(`insert into clinical_event (person_id, event_date, code_system, code) values ('p1', date '2020-03-02', 'ICD10CM', 'M8008XA')`);
      await runRulePack(db, { params: defaultRuleParams, valueSetDirs: [] });
      const withoutPerson: string[] = [];
      const withoutEither: string[] = [];
      for (const { table } of passes) {
        const columns = await db.columns(table);
        if (!columns.includes('person_id')) withoutPerson.push(table);
        if (!columns.includes('person_id') && !columns.includes('episode_id')) withoutEither.push(table);
      }
      // The rule results' columns are fixed by the rule contract and therapy_course's by episodes.csv:
      // they are keyed by episode_id (person_id:index_date). episode_attrition: eight population
      // counts for the reports, no person in it.
      expect(withoutPerson).toEqual([
        'episode_attrition', 'untreated_12m_result', 'calcium_vitamin_d_result', 'early_augmentation_result', 'therapy_course',
      ]);
      expect(withoutEither).toEqual(['episode_attrition']);
    } finally {
      db.close();
    }
  });
});
