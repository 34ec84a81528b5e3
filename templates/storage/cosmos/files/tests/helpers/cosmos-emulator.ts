import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { createHttpsServer } from '@vercel/cosmosdb-server';
import { generate } from 'selfsigned';

import { LOCAL_EMULATOR_KEY } from '../../src/storage/cosmos-settings.js';

/** An Azure Cosmos DB emulator on loopback, and the settings that reach it. */
export interface CosmosEmulator {
  /** COSMOS_ENDPOINT: https://127.0.0.1:<port>/ */
  endpoint: string;
  /** COSMOS_KEY: the emulator checks no key; the store signs its requests with this one all the same. */
  key: string;
  /** COSMOS_TLS_CA_FILE: the PEM of the certificate it serves, made for this run. */
  caFile: string;
  stop(): Promise<void>;
}

/**
 * Starts `@vercel/cosmosdb-server`, an emulator of the Cosmos DB NoSQL API kept in memory, inside this
 * process on a free loopback port. It serves HTTPS with a certificate made now for 127.0.0.1 and
 * localhost, whose PEM goes into `directory` for COSMOS_TLS_CA_FILE: the store checks the certificate
 * as it would in production, and nothing turns TLS verification off.
 */
export async function startCosmosEmulator(directory: string): Promise<CosmosEmulator> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 24 * 60 * 60 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  const caFile = join(directory, 'cosmos-emulator.pem');
  await writeFile(caFile, pems.cert);
  const server = createHttpsServer({ cert: pems.cert, key: pems.private, keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${port}/`,
    key: LOCAL_EMULATOR_KEY,
    caFile,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
