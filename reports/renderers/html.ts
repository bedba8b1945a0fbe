/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** An HTML table; cells are escaped text; `numeric` columns are right-aligned. */
export function htmlTable(caption: string, header: readonly string[], rows: ReadonlyArray<readonly string[]>, numeric: readonly boolean[] = []): string {
  const cls = (index: number): string => (numeric[index] ? ' class="num"' : '');
  const head = header.map((text, index) => `<th scope="col"${cls(index)}>${escapeHtml(text)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((text, index) => (index === 0 ? `<th scope="row">${escapeHtml(text)}</th>` : `<td${cls(index)}>${escapeHtml(text)}</td>`)).join('')}</tr>`)
    .join('\n');
  return `<table>\n<caption>${escapeHtml(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** A chart figure: the static SVG (trusted: made by reports/charts, every text escaped there) and its caption. */
export function htmlFigure(id: string, svg: string, caption: string): string {
  return `<figure class="chart" id="${escapeHtml(id)}">\n${svg}\n<figcaption>${escapeHtml(caption)}</figcaption>\n</figure>`;
}
