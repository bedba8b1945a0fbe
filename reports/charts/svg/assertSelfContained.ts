/** The only URLs an SVG may hold: its namespaces, which are names, not loads. */
const NAMESPACES = ['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink'];

/**
 * Throws when `svg` could reference anything outside itself: a URL, `url(...)`, `@import`, a
 * `<script>` or an `href`. The renderer never writes one (texts are escaped); this guards the
 * guarantee that report.html opens offline.
 */
export function assertSelfContained(svg: string): void {
  let text = svg;
  for (const namespace of NAMESPACES) text = text.replaceAll(namespace, '');
  const external = /(?:https?:|url\(|@import|<script|href\s*=)/i.exec(text);
  if (external) throw new Error(`chart SVG references something outside itself: ${external[0]}`);
}
