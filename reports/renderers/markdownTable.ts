/** A GitHub-flavoured Markdown table; pipes and line breaks in cells are escaped. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, rightAligned: readonly boolean[] = []): string {
  const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  const rule = header.map((_, index) => (rightAligned[index] ? '---:' : '---'));
  return [line(header), `|${rule.map((text) => ` ${text} `).join('|')}|`, ...rows.map(line)].join('\n');
}
