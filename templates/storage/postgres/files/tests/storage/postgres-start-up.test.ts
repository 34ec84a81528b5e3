import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { ConfigError } from '../../src/errors.js';
import { createStore } from '../../src/storage/index.js';
import { testConfig } from '../helpers/config.js';
import { fromSource, serverEnv, startProcess } from '../helpers/server-process.js';
import { describeWithDatabase, TEST_DATABASE_URL } from '../helpers/test-database.js';

const PASSWORD = 'never-print-this-0123';

/** A TCP endpoint on loopback that plays a broken database server; `onConnection` decides how. */
async function fakeServer(onConnection: (socket: Socket) => void): Promise<{ port: number; server: Server }> {
  const server = createServer(onConnection);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, server };
}

/** An authentication request of the PostgreSQL wire protocol: 10 asks for SASL, 11 continues it. */
function authentication(kind: number, data: Buffer): Buffer {
  const header = Buffer.alloc(9);
  header.write('R', 0);
  header.writeInt32BE(8 + data.length, 1);
  header.writeInt32BE(kind, 5);
  return Buffer.concat([header, data]);
}

/** The test database's URL with another user, password or database. */
function testDatabaseUrlWith(change: (url: URL) => void): string {
  const url = new URL(TEST_DATABASE_URL);
  change(url);
  return url.href;
}

describe('PostgreSQL store start-up, when the database cannot be used', () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
    vi.unstubAllEnvs();
  });

  it('refuses to start without DATABASE_URL, naming it', async () => {
    const failure = createStore(testConfig({ DATABASE_URL: '' }));
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/DATABASE_URL: required with the PostgreSQL store/);
  });

  it('names DATABASE_URL, with its password hidden, when nothing listens there', async () => {
    const { port, server } = await fakeServer((socket) => socket.destroy());
    server.close();
    await once(server, 'close');
    const failure = createStore(testConfig({ DATABASE_URL: `postgres://app:${PASSWORD}@127.0.0.1:${port}/mcp` }));
    await expect(failure).rejects.toThrow(`Cannot reach PostgreSQL at postgres://app:***@127.0.0.1:${port}/mcp (DATABASE_URL)`);
    await expect(failure).rejects.not.toThrow(PASSWORD);
  });

  it('gives up after DATABASE_CONNECT_TIMEOUT_MS when the server never answers', async () => {
    const { port, server } = await fakeServer(() => {});
    servers.push(server);
    const failure = createStore(testConfig({ DATABASE_URL: `postgres://app@127.0.0.1:${port}/mcp`, DATABASE_CONNECT_TIMEOUT_MS: '200' }));
    await expect(failure).rejects.toThrow(/No answer from PostgreSQL at .* \(DATABASE_URL\) within DATABASE_CONNECT_TIMEOUT_MS \(200 ms\)/);
  });

  it('says the server does not accept TLS when sslmode asks for it', async () => {
    // The answer of a server without TLS to the client's SSLRequest: a single N.
    const { port, server } = await fakeServer((socket) => socket.once('data', () => socket.end('N')));
    servers.push(server);
    const failure = createStore(testConfig({ DATABASE_URL: `postgres://app@127.0.0.1:${port}/mcp?sslmode=require` }));
    await expect(failure).rejects.toThrow(/does not accept TLS, but DATABASE_URL asks for sslmode=require/);
  });

  it('says DATABASE_URL gives no password when the server asks for one', async () => {
    // The driver falls back to PGPASSWORD, which would answer the server's question.
    vi.stubEnv('PGPASSWORD', undefined);
    const replies = [authentication(10, Buffer.from('SCRAM-SHA-256\0\0')), authentication(11, Buffer.from('r=client-nonce,s=c2FsdA==,i=4096'))];
    const { port, server } = await fakeServer((socket) => socket.on('data', () => socket.write(replies.shift() ?? Buffer.alloc(0))));
    servers.push(server);
    await expect(createStore(testConfig({ DATABASE_URL: `postgres://app@127.0.0.1:${port}/mcp` }))).rejects.toThrow(
      /PostgreSQL at postgres:\/\/app@127\.0\.0\.1:\d+\/mcp \(DATABASE_URL\) asks for a password, and DATABASE_URL gives none/,
    );
  });

  it('refuses sslmode=verify-ca without DATABASE_CA_FILE before connecting', async () => {
    await expect(createStore(testConfig({ DATABASE_URL: 'postgres://app@127.0.0.1:1/mcp?sslmode=verify-ca' }))).rejects.toThrow(
      /DATABASE_CA_FILE: required with sslmode=verify-ca/,
    );
  });

  it('refuses a DATABASE_CA_FILE it cannot read, naming it', async () => {
    await expect(createStore(testConfig({ DATABASE_CA_FILE: '/no/such/ca.pem' }))).rejects.toThrow(/DATABASE_CA_FILE: cannot read \/no\/such\/ca.pem \(ENOENT\)/);
  });

  it('makes the server process stop with that message in one fatal log line, without a stack trace', async () => {
    const { port, server } = await fakeServer((socket) => socket.destroy());
    server.close();
    await once(server, 'close');
    const child = startProcess(fromSource('src/main.ts'), await serverEnv({ DATABASE_URL: `postgres://app:${PASSWORD}@127.0.0.1:${port}/mcp` }));
    expect((await child.closed).code).toBe(1);
    const fatal = child.logs().filter((line) => line.level === 60);
    expect(fatal.map((line) => line.msg)).toEqual([expect.stringContaining(`Cannot reach PostgreSQL at postgres://app:***@127.0.0.1:${port}/mcp (DATABASE_URL)`)]);
    expect(JSON.stringify(child.logs()) + child.text()).not.toContain(PASSWORD);
    expect(child.text()).not.toMatch(/^\s+at /m);
  });
});

describeWithDatabase('PostgreSQL store start-up, when the database refuses', () => {
  it('says the login was refused, naming the user and DATABASE_URL, not the password', async () => {
    const url = testDatabaseUrlWith((changed) => {
      changed.username = 'no_such_user_here';
      changed.password = PASSWORD;
    });
    const failure = createStore(testConfig({ DATABASE_URL: url }));
    await expect(failure).rejects.toThrow(/\(DATABASE_URL\) refused the login of user "no_such_user_here": .*Check the user name and password in DATABASE_URL/);
    await expect(failure).rejects.not.toThrow(PASSWORD);
  });

  it('says the database named in DATABASE_URL does not exist', async () => {
    const url = testDatabaseUrlWith((changed) => {
      changed.pathname = '/no_such_database_here';
    });
    await expect(createStore(testConfig({ DATABASE_URL: url }))).rejects.toThrow(/\(DATABASE_URL\): database "no_such_database_here" does not exist\. Create the database/);
  });
});
