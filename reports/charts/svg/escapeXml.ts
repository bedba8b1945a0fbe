/**
 * Escapes text for SVG element content and double-quoted attribute values: `&`, `<`, `>`, `"`
 * and `'`. Every text a chart draws goes through it (category labels such as site names come from
 * the data).
 */
export function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
