import { createPrivateKey, type KeyObject } from 'node:crypto';

/**
 * Reads the PEM private key of the JWT bearer flow. Environment variables often cannot hold line
 * breaks, so a literal `\n` counts as one. The key becomes a KeyObject at once: it prints as `{}`,
 * so a configuration that is logged or serialised never shows the key material.
 */
export function readRsaPrivateKey(value: string): KeyObject | undefined {
  const pem = value.trim().replace(/\\n/g, '\n');
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    // Salesforce signs and checks JWT bearer assertions with RS256 only.
    return key.asymmetricKeyType === 'rsa' ? key : undefined;
  } catch {
    return undefined;
  }
}
