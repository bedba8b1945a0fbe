import type { OutputMarker } from './earlierOutput.js';

/**
 * How a `caregap run` output folder is recognised: manifest.json with software.name `caregap` and
 * software.command `run`, listing its files in `outputs`. Manifests written before the command was
 * recorded (software.name `caregap` with an `input` section) count as well, without the file list.
 */
export const runOutputMarker: OutputMarker = {
  file: 'manifest.json',
  writtenBy: (json) => {
    const software = json.software as Record<string, unknown> | undefined;
    if (software?.name !== 'caregap') return false;
    return software.command === 'run' || (software.command === undefined && typeof json.input === 'object');
  },
  listed: (json) => (Array.isArray(json.outputs) ? json.outputs.filter((name): name is string => typeof name === 'string') : undefined),
};
