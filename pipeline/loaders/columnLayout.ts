import { UsageError } from '../errors.js';
import type { InputFile } from './inputFile.js';

/** Where each column a loader reads sits in a file's header. */
export interface ColumnLayout {
  /** Header names as written (trimmed); empty for a file with no header. */
  names: string[];
  /** Lower-case wanted column -> its 0-based position; absent when the file lacks it. */
  positions: Map<string, number>;
}

/**
 * Matches a header to the columns a loader reads, case-insensitively (docs/contracts.md). Extra
 * columns, empty names (a trailing delimiter on every line) and repeated names the loader does not
 * read are ignored. A column the loader reads that appears twice (in any case) is a layout error, as
 * is a missing required column: both are UsageErrors naming file and column, raised before any row
 * is loaded. A file with no header at all (empty) has no required columns to check.
 */
export function columnLayout(
  file: InputFile,
  names: string[],
  wanted: string[],
  required: (string | string[])[],
): ColumnLayout {
  const positions = new Map<string, number>();
  for (const column of wanted) {
    const found = names.flatMap((name, position) => (name.trim().toLowerCase() === column ? [position] : []));
    if (found.length > 1) {
      const spellings = found.map((position) => `"${names[position]}" (column ${position + 1})`).join(' and ');
      throw new UsageError(`${file.path}: column ${column} appears ${found.length} times in the header: ${spellings}`);
    }
    if (found.length === 1) positions.set(column, found[0]);
  }
  if (names.length > 0) {
    const present = new Set(names.map((name) => name.trim().toLowerCase()));
    for (const need of required) {
      const options = Array.isArray(need) ? need : [need];
      if (!options.some((column) => present.has(column))) {
        throw new UsageError(`${file.path}: missing required column ${options.join(' or ')}`);
      }
    }
  }
  return { names, positions };
}
