import { createPrivateKey, type KeyObject } from 'node:crypto';

/**
 * The certificate's private key from its PEM text (PKCS#8 `PRIVATE KEY`, or the `RSA PRIVATE KEY` /
 * `EC PRIVATE KEY` forms openssl also writes), or undefined when it is not one. Environment variables
 * often hold one line only, so a literal `\n` stands for a line break. Encrypted keys are refused:
 * the server has nothing to decrypt them with.
 */
export function parsePrivateKey(text: string): KeyObject | undefined {
  const pem = text.replace(/\\n/g, '\n').trim();
  if (!/^-----BEGIN (RSA |EC )?PRIVATE KEY-----\n/.test(pem)) return undefined;
  try {
    return createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    return undefined;
  }
}
