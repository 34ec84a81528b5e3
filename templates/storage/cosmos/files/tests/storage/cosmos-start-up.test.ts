import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo, type Server } from 'node:net';

import { generate } from 'selfsigned';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ConfigError } from '../../src/errors.js';
import { createStore } from '../../src/storage/index.js';
import { testConfig } from '../helpers/config.js';
import { scratchPath } from '../helpers/scratch.js';
import { fromSource, serverEnv, startProcess } from '../helpers/server-process.js';
import { testCosmosEnv } from '../helpers/storage-settings.js';

const KEY = Buffer.from('never-print-this-key-0123456789').toString('base64');

async function listening<S extends Server>(server: S): Promise<{ port: number; server: S }> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, server };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const { port, server } = await listening(createServer());
  server.close();
  await once(server, 'close');
  return port;
}

describe('Azure Cosmos DB store start-up, when the account cannot be used', () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) {
      server.close();
      if ('closeAllConnections' in server) (server as unknown as { closeAllConnections(): void }).closeAllConnections();
    }
  });

  it('refuses to start in production without COSMOS_ENDPOINT, naming it', async () => {
    const failure = createStore({ ...testConfig(), NODE_ENV: 'production', COSMOS_ENDPOINT: undefined });
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/COSMOS_ENDPOINT: required in production with the Azure Cosmos DB store/);
  });

  it('refuses an endpoint that is not an https:// URL, naming COSMOS_ENDPOINT', () => {
    expect(() => testConfig({ COSMOS_ENDPOINT: 'http://127.0.0.1:8081/' })).toThrow(/COSMOS_ENDPOINT.*HTTPS only/s);
  });

  it('names COSMOS_ENDPOINT when nothing listens there, and never the key', async () => {
    const port = await closedPort();
    const failure = createStore(testConfig({ COSMOS_ENDPOINT: `https://127.0.0.1:${port}/`, COSMOS_KEY: KEY }));
    await expect(failure).rejects.toThrow(`Cannot reach Azure Cosmos DB at https://127.0.0.1:${port}/ (COSMOS_ENDPOINT)`);
    await expect(failure).rejects.not.toThrow(KEY);
  });

  it('gives up after COSMOS_CHECK_TIMEOUT_MS when the endpoint never answers', async () => {
    const { port, server } = await listening(createServer(() => {}));
    servers.push(server);
    const failure = createStore(testConfig({ COSMOS_ENDPOINT: `https://127.0.0.1:${port}/`, COSMOS_CHECK_TIMEOUT_MS: '300' }));
    await expect(failure).rejects.toThrow(/No answer from Azure Cosmos DB at .* \(COSMOS_ENDPOINT\) within COSMOS_CHECK_TIMEOUT_MS \(300 ms\)/);
  });

  it('points at COSMOS_TLS_CA_FILE when the certificate is not trusted', async () => {
    const { COSMOS_TLS_CA_FILE: _trusted, ...emulator } = testCosmosEnv();
    await expect(createStore({ ...testConfig(emulator), COSMOS_TLS_CA_FILE: undefined })).rejects.toThrow(
      /The TLS certificate of Azure Cosmos DB at .* \(COSMOS_ENDPOINT\) was not accepted: .*COSMOS_TLS_CA_FILE/,
    );
  });

  it('refuses a COSMOS_TLS_CA_FILE it cannot read, naming it', async () => {
    await expect(createStore(testConfig({ COSMOS_TLS_CA_FILE: '/no/such/ca.pem' }))).rejects.toThrow(/COSMOS_TLS_CA_FILE: cannot read \/no\/such\/ca.pem \(ENOENT\)/);
  });

  describe('against an endpoint that refuses every request', () => {
    let caFile: string;
    let endpoint: string;
    beforeAll(async () => {
      const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
        keyType: 'ec',
        curve: 'P-256',
        extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
      });
      caFile = scratchPath('refusing-ca.pem');
      writeFileSync(caFile, pems.cert);
      const refusing = createHttpsServer({ cert: pems.cert, key: pems.private }, (_request, response) => {
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ code: 'Unauthorized', message: "The input authorization token can't serve the request.\r\nActivityId: 0" }));
      });
      const { port } = await listening(refusing);
      servers.push(refusing);
      endpoint = `https://127.0.0.1:${port}/`;
      expect(readFileSync(caFile, 'utf8')).toContain('BEGIN CERTIFICATE');
    });

    it('says the key was refused, naming COSMOS_KEY and not the key', async () => {
      const failure = createStore(testConfig({ COSMOS_ENDPOINT: endpoint, COSMOS_KEY: KEY, COSMOS_TLS_CA_FILE: caFile }));
      await expect(failure).rejects.toThrow(/\(COSMOS_ENDPOINT\) refused the key in COSMOS_KEY: The input authorization token can't serve the request\. Use the account's primary/);
      await expect(failure).rejects.not.toThrow(KEY);
    });
  });

  it('refuses a container partitioned on another key, naming COSMOS_CONTAINER', async () => {
    const env: Record<string, string> = { ...testCosmosEnv(), COSMOS_CONTAINER: `other-${Date.now()}` };
    const { CosmosClient } = await import('@azure/cosmos');
    const { Agent } = await import('node:https');
    const client = new CosmosClient({ endpoint: env.COSMOS_ENDPOINT!, key: env.COSMOS_KEY!, agent: new Agent({ ca: readFileSync(env.COSMOS_TLS_CA_FILE!, 'utf8') }) });
    try {
      const { database } = await client.databases.createIfNotExists({ id: env.COSMOS_DATABASE! });
      await database.containers.createIfNotExists({ id: env.COSMOS_CONTAINER, partitionKey: { paths: ['/tenant'] }, defaultTtl: -1 });
    } finally {
      client.dispose();
    }
    await expect(createStore(testConfig(env))).rejects.toThrow(/Container "other-\d+" \(COSMOS_CONTAINER\) in database "test" is partitioned on \/tenant, but the store needs partition key \/pk/);
  });

  it('makes the server process stop with that message in one fatal log line, without a stack trace', async () => {
    const port = await closedPort();
    const child = startProcess(fromSource('src/main.ts'), await serverEnv({ COSMOS_ENDPOINT: `https://127.0.0.1:${port}/`, COSMOS_KEY: KEY }));
    expect((await child.closed).code).toBe(1);
    const fatal = child.logs().filter((line) => line.level === 60);
    expect(fatal.map((line) => line.msg)).toEqual([expect.stringContaining(`Cannot reach Azure Cosmos DB at https://127.0.0.1:${port}/ (COSMOS_ENDPOINT)`)]);
    expect(JSON.stringify(child.logs()) + child.text()).not.toContain(KEY);
    expect(child.text()).not.toMatch(/^\s+at /m);
  });
});
