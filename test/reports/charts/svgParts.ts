/** Attributes of every `<name .../>` or `<name ...>` element of an SVG string, for assertions. */
export function elements(svg: string, name: string): Array<Record<string, string>> {
  return [...svg.matchAll(new RegExp(`<${name}\\b([^>]*?)/?>`, 'g'))].map((match) =>
    Object.fromEntries([...match[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((attr) => [attr[1]!, attr[2]!])),
  );
}

/** Every `<text>` of an SVG: its attributes and its (still escaped) content. */
export function texts(svg: string): Array<{ attrs: Record<string, string>; content: string }> {
  return [...svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)].map((match) => ({
    attrs: Object.fromEntries([...match[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((attr) => [attr[1]!, attr[2]!])),
    content: match[2]!,
  }));
}

/** What a URL, stylesheet import or script in the SVG would look like (the namespace aside). */
export const EXTERNAL = /(?:https?:|url\(|@import|<script|href=)/i;

/** The SVG without its namespace declaration, to look for external references. */
export const withoutNamespace = (svg: string): string => svg.replaceAll('http://www.w3.org/2000/svg', '');
