import { UsageError } from '../errors.js';
import type { RunFolder } from '../runOutput/readRunFolder.js';

/** Settings that change what a run writes but not which status an (episode, rule) gets. */
const outputOnlyParameters = new Set(['asOf', 'minCell', 'worklist', 'worklistBySite', 'pseudonymized', 'strict', 'failIf']);

/** What two runs' manifests say about comparing them. */
export interface RunComparison {
  /** Differences that can change statuses: value sets, rule versions, rule parameters. */
  warnings: string[];
  /** Differences worth listing that are expected (as_of between monthly runs) or cosmetic. */
  notes: string[];
}

/**
 * Compares two runs' manifests before their patient_gaps are matched (docs/contracts.md, caregap
 * diff). Throws a UsageError (exit 2) when the person ids cannot be matched: one run pseudonymised
 * and the other not, or pseudonymised with different keys (told apart by the manifests' key
 * fingerprints). Returns warnings naming each difference in value-set hash, rule versions (a rule
 * added or removed included) and rule parameters, and notes for as_of (expected between monthly
 * runs: listed, not warned) and output-only settings.
 */
export function compareManifests(previous: RunFolder, current: RunFolder): RunComparison {
  const before = previous.manifest;
  const after = current.manifest;
  const pseudonymisedBefore = before.parameters?.pseudonymized === true;
  const pseudonymisedAfter = after.parameters?.pseudonymized === true;
  if (pseudonymisedBefore !== pseudonymisedAfter) {
    const [hashed, plain] = pseudonymisedBefore ? [previous, current] : [current, previous];
    throw new UsageError(
      `cannot compare ${hashed.label} (pseudonymised) with ${plain.label} (real person ids): run both with the same --pseudonymize-key, or both without`,
    );
  }
  const warnings: string[] = [];
  const notes: string[] = [];
  if (pseudonymisedBefore) {
    const keyBefore = before.pseudonym_key_fingerprint ?? null;
    const keyAfter = after.pseudonym_key_fingerprint ?? null;
    if (keyBefore !== null && keyAfter !== null && keyBefore !== keyAfter) {
      throw new UsageError(
        `cannot compare ${previous.label} with ${current.label}: they were pseudonymised with different keys, so their person ids cannot be matched`,
      );
    }
    if (keyBefore === null || keyAfter === null) {
      warnings.push('pseudonymisation key: a manifest has no key fingerprint, so the keys cannot be checked; with different keys every episode shows as new_episode or no_longer_present');
    }
  }

  const hashBefore = before.value_sets?.sha256;
  const hashAfter = after.value_sets?.sha256;
  if (hashBefore !== hashAfter) {
    warnings.push(`value sets differ: hash ${short(hashBefore)} (version ${before.value_sets?.version ?? '?'}) -> ${short(hashAfter)} (version ${after.value_sets?.version ?? '?'})`);
  }

  const versionsBefore = new Map((before.rules ?? []).map((rule) => [rule.id, rule.version]));
  const versionsAfter = new Map((after.rules ?? []).map((rule) => [rule.id, rule.version]));
  for (const id of [...new Set([...versionsBefore.keys(), ...versionsAfter.keys()])].sort()) {
    const from = versionsBefore.get(id);
    const to = versionsAfter.get(id);
    if (from === to) continue;
    if (from === undefined) warnings.push(`rule ${id} is only in the current run (version ${to})`);
    else if (to === undefined) warnings.push(`rule ${id} is only in the previous run (version ${from})`);
    else warnings.push(`rule ${id} version differs: ${from} -> ${to}`);
  }

  const parametersBefore = before.parameters ?? {};
  const parametersAfter = after.parameters ?? {};
  for (const name of [...new Set([...Object.keys(parametersBefore), ...Object.keys(parametersAfter)])].sort()) {
    const from = JSON.stringify(parametersBefore[name] ?? null);
    const to = JSON.stringify(parametersAfter[name] ?? null);
    if (from === to) continue;
    const text = `${name}: ${from} -> ${to}`;
    if (name === 'asOf') notes.push(`as_of differs (expected between monthly runs): ${from} -> ${to}`);
    else if (outputOnlyParameters.has(name)) notes.push(`setting ${text} (does not change statuses)`);
    else warnings.push(`parameter ${text}`);
  }
  const softwareBefore = before.software.version;
  const softwareAfter = after.software.version;
  if (softwareBefore !== softwareAfter) notes.push(`caregap version: ${softwareBefore ?? '?'} -> ${softwareAfter ?? '?'}`);
  return { warnings, notes };
}

function short(hash: string | undefined): string {
  return hash === undefined ? '(none)' : hash.slice(0, 12);
}
