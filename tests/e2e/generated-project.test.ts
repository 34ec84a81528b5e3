import type { Client } from '@modelcontextprotocol/client';
import { execa } from 'execa';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHttp, connectStdio, startHttpServer, type RunningServer } from '../support/mcp-process.js';
import { endToEndCases, flagsFor, IDENTITY_PROVIDER_ENV, STRATEGY_ENV, UPSTREAM_TOOLS } from './cases.js';
import type { Upstream } from '../../src/options/schema.js';
import { verifiesTokens } from '../../src/features/index.js';

/**
 * Generates real projects outside this repository, installs them and drives them with the SDK's
 * own client. The option sets cover every offered value at least once (pairwise, not every product).
 */
const BIN = resolve('bin/create-enterprise-mcp.js');

const cases = endToEndCases().map((options) => ({
  name: `${options.upstream}/${options.auth}/${options.storage}/${options.packageManager}/deploy=${options.deploy.join('+') || 'none'}`,
  args: ['--yes', ...flagsFor(options)],
  packageManager: options.packageManager,
  options,
}));

const EXAMPLE_TOOLS = ['echo', 'long_task', 'server_info', 'whoami'];
const servedTools = (upstream: Upstream) => [...EXAMPLE_TOOLS, ...UPSTREAM_TOOLS[upstream].tools].sort();

describe.each(cases)('a generated project ($name)', ({ args, packageManager, options }) => {
  let project: string;
  const run = (script: string) =>
    execa(packageManager, ['run', script], { cwd: project, all: true, env: { CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' } });

  beforeAll(async () => {
    const parent = await mkdtemp(join(tmpdir(), 'cem-e2e-'));
    project = join(parent, 'demo');
    // The CLI's own install step, kept offline-first so the suite reuses the package cache.
    await execa('node', [BIN, 'demo', ...args, '--no-git'], {
      cwd: parent,
      stdin: 'ignore',
      env: { CI: 'true', npm_config_prefer_offline: 'true' },
    });
  });

  it('type-checks', async () => {
    const result = await run('typecheck');
    expect(result.exitCode).toBe(0);
  });

  it('passes its own test suite', async () => {
    const result = await run('test');
    expect(result.all).toMatch(/Tests\s+\d+ passed/);
  });

  it('builds', async () => {
    await run('build');
    expect(JSON.parse(await readFile(join(project, 'package.json'), 'utf8')).name).toBe('demo');
  });

  describe('over stdio', () => {
    let client: Client;
    beforeAll(async () => {
      client = await connectStdio(project, ['dist/main.js', '--stdio']);
    });
    afterAll(async () => client?.close());

    it("lists the example tools and the upstream's tools", async () => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(servedTools(options.upstream));
    });

    it('calls a tool', async () => {
      const result = await client.callTool({ name: 'echo', arguments: { text: 'hello over stdio' } });
      expect(JSON.stringify(result.content)).toContain('hello over stdio');
    });

    it('answers an upstream tool with what its settings still lack, before they are set', async () => {
      const { name, arguments: args } = UPSTREAM_TOOLS[options.upstream].call;
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError).toBe(true);
      expect(result.structuredContent).toMatchObject({ error: { code: 'upstream_not_configured' } });
    });
  });

  // Projects whose strategy verifies tokens test real tokens in their own suite (against an
  // in-process identity provider); from outside, an anonymous client must be turned away.
  if (verifiesTokens(options.auth)) describe('over Streamable HTTP without a token', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startHttpServer(project, { ...IDENTITY_PROVIDER_ENV[options.upstream], ...STRATEGY_ENV[options.auth] });
    });
    afterAll(() => {
      server?.process.kill('SIGTERM');
    });

    it('refuses the client with 401 and points it at the protected-resource metadata', async () => {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('/.well-known/oauth-protected-resource/mcp');
    });

    it('serves the protected-resource metadata naming the identity provider', async () => {
      const metadata = (await (await fetch(new URL('/.well-known/oauth-protected-resource/mcp', server.url))).json()) as {
        resource: string;
        authorization_servers: string[];
      };
      expect(metadata.resource).toBe(server.url);
      expect(metadata.authorization_servers).toHaveLength(1);
    });
  });

  else describe.each(['modern', 'legacy'] as const)('over Streamable HTTP (%s protocol era)', (era) => {
    let server: RunningServer;
    let client: Client;
    beforeAll(async () => {
      server = await startHttpServer(project);
      client = await connectHttp(server.url, era);
    });
    afterAll(async () => {
      await client?.close();
      server?.process.kill('SIGTERM');
    });

    it("lists the example tools and the upstream's tools", async () => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(servedTools(options.upstream));
    });

    it('calls a tool', async () => {
      const result = await client.callTool({ name: 'echo', arguments: { text: `hello over ${era} http` } });
      expect(JSON.stringify(result.content)).toContain(`hello over ${era} http`);
    });

    it('drains and exits 0 on SIGTERM', async () => {
      server.process.kill('SIGTERM');
      const result = await server.process;
      expect(result.exitCode).toBe(0);
    });
  });
});
