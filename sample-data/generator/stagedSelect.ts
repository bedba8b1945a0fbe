/**
 * Splits a select list of `expression as name` items, some of which refer to others by name, into
 * stages: each stage selects `*` plus the items whose references are all defined by earlier stages.
 * DuckDB would otherwise inline every reference to a same-select alias, recomputing a chain of
 * CASE expressions many times over; staged, each is computed once per row.
 */
export function stagedSelect(source: string, selectList: string): string {
  const items = splitTopLevel(selectList).map((text) => {
    const match = /\s+as\s+([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(text);
    if (!match?.[1]) throw new Error(`select item without a name: ${text.slice(0, 80)}`);
    return { name: match[1], text };
  });
  const names = new Set(items.map((item) => item.name));
  const level = new Map<string, number>();
  const levelOf = (name: string, seen: Set<string>): number => {
    const known = level.get(name);
    if (known !== undefined) return known;
    if (seen.has(name)) throw new Error(`circular reference through ${name}`);
    const item = items.find((candidate) => candidate.name === name);
    if (!item) return -1;
    const expr = item.text.replace(/\s+as\s+[A-Za-z0-9_]+\s*$/, '');
    const words = new Set(expr.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
    let deepest = -1;
    for (const word of words) {
      if (word !== name && names.has(word)) deepest = Math.max(deepest, levelOf(word, new Set([...seen, name])));
    }
    level.set(name, deepest + 1);
    return deepest + 1;
  };
  items.forEach((item) => levelOf(item.name, new Set()));
  const depth = Math.max(...items.map((item) => level.get(item.name) ?? 0));
  let sql = source;
  for (let stage = 0; stage <= depth; stage += 1) {
    const columns = items.filter((item) => level.get(item.name) === stage).map((item) => item.text.trim());
    sql = `(select *, ${columns.join(',\n  ')} from ${sql})`;
  }
  return sql;
}

/** Splits at commas outside parentheses, brackets, braces and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let k = 0; k < text.length; k += 1) {
    const ch = text[k];
    if (ch === "'") quoted = !quoted;
    if (quoted) continue;
    if (ch === '(' || ch === '[' || ch === '{') depth += 1;
    else if (ch === ')' || ch === ']' || ch === '}') depth -= 1;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, k));
      start = k + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}
