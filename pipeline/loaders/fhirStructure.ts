/**
 * A FHIR resource read as a DuckDB STRUCT of only the elements caregap uses, parsed once per line
 * with `json_transform` (docs/contracts.md, format `fhir`). Elements are named by JSON paths such as
 * `$.period.start`, `$.payor[0].display` or `$.code` (an element kept whole, as JSON text).
 *
 * Every leaf is VARCHAR: `json_transform` then gives what `json_extract_string` gives for the same
 * path (a string's value, a number or boolean as its JSON text, an object or array as minified JSON
 * text, null for JSON null, for a missing key and for a value of the wrong shape). Keys match case
 * sensitively, and the first of repeated keys wins, as with `json_extract_string`. A path written
 * with the suffix `:json` (`$.code:json`) is a JSON leaf instead: the element as JSON text (a string
 * stays quoted), for elements read further with `json_extract` (a CodeableConcept's codings).
 *
 * A segment `[*]` keeps every item of an array (`$.code.coding[*].code`: the codings' codes, read
 * with fhirListSql as a list of STRUCTs); `[0]` reads the first item of the same list.
 *
 * Limits: array index 0 and `[*]` only, and `[*]` not on the last segment (no lists of leaves); a path
 * may not be both a leaf and the prefix of another path (read the leaf and extract inside its text
 * instead).
 */
export function fhirJsonStructure(paths: string[]): string {
  const root: StructureNode = new Map();
  for (const path of paths) {
    let node = root;
    const leafType = path.endsWith(':json') ? 'JSON' : 'VARCHAR';
    const segments = pathSegments(path.replace(/:json$/, ''));
    segments.forEach((segment, position) => {
      const last = position === segments.length - 1;
      if (last && segment.all) throw new Error(`unsupported FHIR path ${path}: a list of leaves`);
      const existing = node.get(segment.key);
      if (last) {
        if (existing !== undefined && existing !== leafType) throw new Error(`fhirJsonStructure: ${path} conflicts with another path`);
        node.set(segment.key, segment.inArray ? [leafType] : leafType);
        return;
      }
      const child = existing === undefined ? new Map() : inner(existing);
      if (child === undefined || (existing !== undefined && Array.isArray(existing) !== segment.inArray)) {
        throw new Error(`fhirJsonStructure: ${path} conflicts with another path`);
      }
      if (existing === undefined) node.set(segment.key, segment.inArray ? [child] : child);
      node = child;
    });
  }
  return JSON.stringify(toJson(root));
}

/** SQL: the text of a JSON path in the `resource` STRUCT column built by fhirJsonStructure. */
export function fhirFieldSql(path: string): string {
  return pathSegments(path)
    .map((segment) => `."${segment.key}"${segment.inArray && !segment.all ? '[1]' : ''}`)
    .reduce((sql, part) => sql + part, 'resource');
}

/**
 * SQL: the list a `[*]` path ends in, e.g. `$.code.coding` for paths `$.code.coding[*].system` and
 * `$.code.coding[*].code`: a list of STRUCTs of the listed fields (null when the element is missing,
 * null or not a list; an item that is not an object is a STRUCT of nulls).
 */
export function fhirListSql(path: string): string {
  return fhirFieldSql(path);
}

type StructureNode = Map<string, StructureValue>;
type Leaf = 'VARCHAR' | 'JSON';
type StructureValue = Leaf | StructureNode | [Leaf] | [StructureNode];

function inner(value: StructureValue): StructureNode | undefined {
  const item = Array.isArray(value) ? value[0] : value;
  return item instanceof Map ? item : undefined;
}

function toJson(node: StructureNode): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const [key, value] of node) {
    if (Array.isArray(value)) json[key] = [value[0] instanceof Map ? toJson(value[0]) : value[0]];
    else json[key] = value instanceof Map ? toJson(value) : value;
  }
  return json;
}

/** `$.a.b[0].c` -> a, b (first array item), c; `[*]`: every item. Keys are plain names (letters, digits, `_`). */
function pathSegments(path: string): { key: string; inArray: boolean; all: boolean }[] {
  if (!path.startsWith('$.')) throw new Error(`FHIR path must start with $.: ${path}`);
  return path
    .slice(2)
    .split('.')
    .map((part) => {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)(\[0\]|\[\*\])?$/.exec(part);
      if (!match) throw new Error(`unsupported FHIR path segment ${part} in ${path}`);
      return { key: match[1]!, inArray: match[2] !== undefined, all: match[2] === '[*]' };
    });
}
