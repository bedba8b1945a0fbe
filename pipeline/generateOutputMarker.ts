import type { OutputMarker } from './earlierOutput.js';

/**
 * How a `caregap generate` output folder is recognised: generation.json with generator
 * `caregap generate`; its counts.files names every data file, truth.csv and valuesets/.
 */
export const generateOutputMarker: OutputMarker = {
  file: 'generation.json',
  writtenBy: (json) => json.generator === 'caregap generate',
  listed: (json) => {
    const files = (json.counts as Record<string, unknown> | undefined)?.files;
    return typeof files === 'object' && files !== null ? Object.keys(files) : undefined;
  },
};
