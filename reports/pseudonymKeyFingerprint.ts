import { createHmac } from 'node:crypto';

/** The fixed label whose keyed hash identifies a key; versioned so the scheme can change. */
const LABEL = 'caregap/pseudonym-key-fingerprint/v1';

/**
 * A fingerprint of a pseudonymisation key for manifest.json: HMAC-SHA-256(key, a fixed label) in
 * hex. Equal keys give equal fingerprints, so `caregap diff` can tell whether two runs' pseudonyms
 * can be matched; the fingerprint reveals nothing about the key (finding the key from it is as
 * hard as breaking HMAC), and it is not the pseudonym of any real person id unless one is
 * literally the label.
 */
export function pseudonymKeyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update(LABEL, 'utf8').digest('hex');
}
