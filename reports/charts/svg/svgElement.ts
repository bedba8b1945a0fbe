import { escapeXml } from './escapeXml.js';
import { formatCoordinate } from './formatNumber.js';

/** Attribute values of an element: numbers are written with fixed precision, strings escaped; undefined is left out. */
export type Attributes = Record<string, string | number | undefined>;

/** The attributes as ` name="value"` pairs, in the order given (so output is deterministic). */
export function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === 'number' ? formatCoordinate(value) : escapeXml(value)}"`)
    .join('');
}

/** An element with no content, e.g. `<line .../>`. */
export function emptyElement(name: string, attrs: Attributes): string {
  return `<${name}${attributes(attrs)}/>`;
}

/** A `<text>` element; `content` is escaped. */
export function textElement(content: string, attrs: Attributes): string {
  return `<text${attributes(attrs)}>${escapeXml(content)}</text>`;
}

/** A `<g>` around already-built children (omitted when there are none). */
export function group(children: readonly string[], attrs: Attributes = {}): string {
  return children.length === 0 ? '' : `<g${attributes(attrs)}>${children.join('')}</g>`;
}
