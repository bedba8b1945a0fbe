/**
 * Rewrites DuckDB-style named parameters (`$as_of`) into PostgreSQL's positional ones (`$1`), so a
 * statement written once binds on both engines. Returns the rewritten text and the values in
 * position order; a name used twice gets one position. Text inside quotes ('...', "..."), dollar
 * quotes ($$...$$, $tag$...$tag$) and comments is left alone. Throws when a named parameter has no
 * value (the statement would fail later with a less helpful message).
 */
export function toPositional(sql: string, params: Record<string, unknown>): { text: string; values: unknown[] } {
  const positions = new Map<string, number>();
  const values: unknown[] = [];
  let out = '';
  let index = 0;
  while (index < sql.length) {
    const char = sql[index]!;
    const next = sql[index + 1];
    if (char === "'" || char === '"') {
      const end = closingQuote(sql, index, char);
      out += sql.slice(index, end);
      index = end;
    } else if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', index);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(index, stop);
      index = stop;
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', index + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(index, stop);
      index = stop;
    } else if (char === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(index));
      const name = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(sql.slice(index));
      if (tag) {
        const end = sql.indexOf(tag[0], index + tag[0].length);
        const stop = end === -1 ? sql.length : end + tag[0].length;
        out += sql.slice(index, stop);
        index = stop;
      } else if (name) {
        const key = name[1]!;
        if (!(key in params)) throw new Error(`SQL parameter $${key} has no value`);
        let position = positions.get(key);
        if (position === undefined) {
          values.push(params[key]);
          position = values.length;
          positions.set(key, position);
        }
        out += `$${position}`;
        index += name[0].length;
      } else {
        out += char;
        index += 1;
      }
    } else {
      out += char;
      index += 1;
    }
  }
  return { text: out, values };
}

/** Index just after the quote that closes the one at `start` (a doubled quote is an escaped one). */
function closingQuote(sql: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < sql.length) {
    if (sql[index] === quote) {
      if (sql[index + 1] === quote) index += 2;
      else return index + 1;
    } else index += 1;
  }
  return sql.length;
}
