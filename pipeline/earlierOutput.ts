import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a command records about itself in the JSON file it writes last (manifest.json, generation.json). */
export interface OutputMarker {
  /** The JSON file that marks the folder: `manifest.json` for run, `generation.json` for generate. */
  file: string;
  /** Whether the parsed JSON says this command wrote it. */
  writtenBy: (json: Record<string, unknown>) => boolean;
  /** The top-level names the earlier output lists as its own (besides `file`); undefined: not listed. */
  listed: (json: Record<string, unknown>) => string[] | undefined;
}

function readJsonObject(path: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether folder `dir` holds a command's earlier output: its marker file says the command wrote it
 * and, when the marker lists what was written, the folder holds nothing else (a file a user added
 * beside the reports is not caregap's to delete). Never throws: anything unreadable is "no".
 */
export function isEarlierOutput(dir: string, marker: OutputMarker): boolean {
  const json = readJsonObject(join(dir, marker.file));
  if (json === undefined || !marker.writtenBy(json)) return false;
  const listed = marker.listed(json);
  if (listed === undefined) return true;
  const own = new Set([marker.file, ...listed.map((name) => name.split('/')[0]!)]);
  try {
    return readdirSync(dir).every((name) => own.has(name));
  } catch {
    return false;
  }
}
