import { generateKeyPairSync, type KeyObject } from 'node:crypto';

export type TestSigningAlgorithm = 'PS256' | 'ES256';

/** A key pair standing in for the certificate mapped to the integration: the server signs, the fake NetSuite verifies. */
export interface NetSuiteTestKeys {
  readonly algorithm: TestSigningAlgorithm;
  /** PKCS#8 PEM, as NETSUITE_PRIVATE_KEY holds it. */
  readonly privateKeyPem: string;
  /** What NetSuite keeps from the uploaded certificate. */
  readonly publicKey: KeyObject;
}

const generated = new Map<TestSigningAlgorithm, NetSuiteTestKeys>();

/** One key pair per algorithm and test file: generating RSA keys takes a moment, and their values do not matter. */
export function netSuiteTestKeys(algorithm: TestSigningAlgorithm = 'PS256'): NetSuiteTestKeys {
  let keys = generated.get(algorithm);
  if (keys === undefined) {
    const { privateKey, publicKey } =
      algorithm === 'PS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
    keys = { algorithm, privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicKey };
    generated.set(algorithm, keys);
  }
  return keys;
}
