/**
 * Quoting for the only text that cannot be bound as a parameter: file paths and identifiers.
 * Every other value goes to DuckDB as a `$name` parameter.
 */
export function quotedString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function quotedIdentifier(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}
