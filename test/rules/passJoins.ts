// A small reader of pass SQL for the portability and scale-out tests (test/rules/portableSql.test.ts):
// the CTEs of a pass, what each reads, and every join condition. Regular expressions over the
// house style (lower-case keywords, `with name as (...)` CTEs, `join x [as y] on ...`); not a parser.

/** The pass text without comments and string literals' contents, lower-cased. */
export function passCode(text: string): string {
  return text
    .replace(/--[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/'(?:[^']|'')*'/g, "''")
    .toLowerCase();
}

/** The index of the parenthesis that closes the one at `open`. */
function closingParen(code: string, open: number): number {
  let depth = 0;
  for (let index = open; index < code.length; index += 1) {
    if (code[index] === '(') depth += 1;
    if (code[index] === ')') depth -= 1;
    if (depth === 0) return index;
  }
  throw new Error(`unbalanced parenthesis at ${open}`);
}

/** One common table expression (or the final select, named ""): its name and body. */
export interface Cte {
  name: string;
  body: string;
}

/** The CTEs of a pass in order, then its final select as a CTE named "". */
export function passCtes(code: string): Cte[] {
  const ctes: Cte[] = [];
  let rest = code.trim();
  const opening = /^with\s+(recursive\s+)?/.exec(rest);
  if (!opening) return [{ name: '', body: rest }];
  rest = rest.slice(opening[0].length);
  for (;;) {
    const head = /^([a-z_][a-z0-9_]*)\s+as\s+(not\s+materialized\s+)?\(/.exec(rest);
    if (!head) throw new Error(`cannot read a CTE at: ${rest.slice(0, 60)}`);
    const open = head[0].length - 1;
    const close = closingParen(rest, open);
    ctes.push({ name: head[1]!, body: rest.slice(open + 1, close) });
    rest = rest.slice(close + 1).trim();
    if (rest.startsWith(',')) rest = rest.slice(1).trim();
    else break;
  }
  ctes.push({ name: '', body: rest });
  return ctes;
}

/** The relations a body reads (after from and join), by name. */
export function readRelations(body: string): string[] {
  return [...body.matchAll(/\b(?:from|join)\s+([a-z_][a-z0-9_]*)/g)].map((match) => match[1]!);
}

/** One join: the relation joined (its name and alias) and its `on` condition. */
export interface Join {
  relation: string;
  alias: string;
  condition: string;
}

const conditionEnd = /^(?:(?:left|right|full|inner|cross)\s+(?:outer\s+)?join|join|where|group\s+by|order\s+by|window|union|having|limit)\b/;

/** Every `join ... on ...` of a body (cross joins have no condition and are left out). */
export function joinsOf(body: string): Join[] {
  const joins: Join[] = [];
  for (const match of body.matchAll(/\bjoin\s+([a-z_][a-z0-9_]*)(?:\s+as\s+([a-z_][a-z0-9_]*))?\s+on\b/g)) {
    let depth = 0;
    let end = match.index + match[0].length;
    for (; end < body.length; end += 1) {
      const char = body[end];
      if (char === '(') depth += 1;
      if (char === ')') {
        if (depth === 0) break;
        depth -= 1;
      }
      if (depth === 0 && /\s/.test(body[end - 1] ?? ' ') && conditionEnd.test(body.slice(end))) break;
    }
    joins.push({ relation: match[1]!, alias: match[2] ?? match[1]!, condition: body.slice(match.index + match[0].length, end).trim() });
  }
  return joins;
}
