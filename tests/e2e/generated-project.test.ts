import type { CallToolResult, Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectOptions, Upstream } from '../../src/options/schema.js';
import { generateProject, removeWhenPassed, type GeneratedProject } from '../support/generated-project.js';
import { startProjectIdentity, type ProjectIdentity } from '../support/identity-driver.js';
import { inspect, inspectToolCall, type InspectorTarget } from '../support/inspector.js';
import { answers, connectHttp, connectStdio, listToolsAnonymously, startHttpServer, type RunningServer } from '../support/mcp-process.js';
import { removeStoredState, startProjectStorageService, storageServiceEnv, type ProjectStorageService } from '../support/storage-services.js';
import { answerBeforeSettings, endToEndCases, flagsFor, UPSTREAM_TOOLS } from './cases.js';

/**
 * Generates real projects outside this repository, installs them and drives them from outside: the
 * SDK's own client over stdio and Streamable HTTP (with real credentials from the project's identity
 * provider), the MCP Inspector, and the package manager's `start`. The option sets cover every
 * offered value at least once (pairwise, not every product).
 */
const EXAMPLE_TOOLS = ['echo', 'long_task', 'server_info', 'whoami'];
const servedTools = (upstream: Upstream) => [...EXAMPLE_TOOLS, ...UPSTREAM_TOOLS[upstream].tools].sort();

/**
 * How an upstream tool answers through the SDK client before its settings are set: an error result
 * whose machine-readable code travels in `_meta` (its structured content, if any, must keep to the
 * tool's output schema; the Inspector check below holds the project to that).
 */
function expectAnswerBeforeSettings(result: CallToolResult, options: ProjectOptions): void {
  expect(result.isError).toBe(true);
  expect(result._meta?.['enterprise-mcp/error']).toMatchObject({ code: answerBeforeSettings(options).code });
}

describe.each(endToEndCases())('a generated project ($name)', ({ options, node, upstreamChecks }) => {
  let project: GeneratedProject;
  let storageService: ProjectStorageService | undefined;
  const tokenAuth = options.auth !== 'none';

  beforeAll(async () => {
    project = await generateProject(['--yes', ...flagsFor(options)], { packageManager: options.packageManager, node, env: storageServiceEnv(options.storage) });
    // A service started with the project's own packages (the Cosmos DB emulator) exists only once they are
    // installed; from then on every command of the project, and every server the suite starts, reaches it.
    storageService = await startProjectStorageService(project, options.storage);
    Object.assign(project.env, storageService?.env);
    Object.assign(project.serviceEnv, storageService?.env);
  });
  removeWhenPassed(() => project);
  // Registered after removeWhenPassed, so it runs first (after-hooks run in reverse): the project's driver is still there.
  afterAll(async () => {
    if (project !== undefined) await removeStoredState(project, options.storage);
    await storageService?.stop();
  });

  it(`runs its scripts on Node ${node}`, async () => {
    const result = await project.exec('node', '--version');
    expect(result.stdout.trim()).toMatch(new RegExp(`^v${node}\\.`));
  });

  it('type-checks', async () => {
    const result = await project.run('typecheck');
    expect(result.exitCode, result.all).toBe(0);
  });

  it('passes its own test suite', async () => {
    const result = await project.run('test');
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toMatch(/Tests\s+\d+ passed/);
  });

  it('builds', async () => {
    const result = await project.run('build');
    expect(result.exitCode, result.all).toBe(0);
  });

  describe('over stdio', () => {
    let client: Client;
    beforeAll(async () => {
      client = await connectStdio(project.dir, project.node, ['dist/main.js', '--stdio'], project.env);
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

    it('answers an upstream tool before its settings are set: with what they still lack, or that the caller must sign in', async () => {
      const { name, arguments: args } = UPSTREAM_TOOLS[options.upstream].call;
      expectAnswerBeforeSettings((await client.callTool({ name, arguments: args })) as CallToolResult, options);
    });
  });

  // What the Inspector checks depends on the upstream's tools only: once per upstream.
  if (upstreamChecks) describe("through the MCP Inspector's CLI, which validates results against the tools' output schemas", () => {
    let target: InspectorTarget;
    beforeAll(() => {
      target = { project: project.dir, node: project.node, env: project.env, serverEnv: project.serviceEnv };
    });

    it('lists every tool, with no schema the Inspector finds unportable', async () => {
      const outcome = await inspect(target, ['--method', 'tools/list', '--strict']);
      expect(outcome.exitCode, outcome.stderr).toBe(0);
      expect((outcome.result?.tools as { name: string }[]).map((tool) => tool.name).sort()).toEqual(servedTools(options.upstream));
    });

    it('accepts a structured result', async () => {
      const outcome = await inspectToolCall(target, 'server_info', {});
      expect(outcome.exitCode, outcome.stderr).toBe(0);
      expect(outcome.result?.structuredContent).toMatchObject({ upstream: { id: options.upstream } });
    });

    it("hands the caller an upstream tool's error message, not a failed validation, before its settings are set", async () => {
      const { name, arguments: args } = UPSTREAM_TOOLS[options.upstream].call;
      const outcome = await inspectToolCall(target, name, args);
      // The Inspector exits 5 for a tool's own error result; a result it refuses is an `error` instead.
      expect(outcome.error, outcome.stderr).toEqual({ code: 'tool_is_error', message: expect.any(String) });
      expect(outcome.exitCode).toBe(5);
      expect(outcome.result?.isError).toBe(true);
      expect(outcome.result?.content?.map((block) => block.text).join('\n')).toMatch(answerBeforeSettings(options).message);
    });
  });

  describe('served over HTTP to a caller holding real credentials', () => {
    let identity: ProjectIdentity;
    beforeAll(async () => {
      identity = await startProjectIdentity(project.dir, options.auth, project.env);
    });
    afterAll(async () => identity?.close());

    describe('by its built server', () => {
      let server: RunningServer;
      beforeAll(async () => {
        server = await startHttpServer(project.dir, { command: project.node, args: ['dist/main.js'], env: { ...project.env, ...identity.env } });
      });
      afterAll(() => server?.stop());

      if (tokenAuth) {
        it('refuses a caller without a token with 401 and points it at the protected-resource metadata', async () => {
          const response = await listToolsAnonymously(server.url);
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
      }

      describe.each(['modern', 'legacy'] as const)('to a client of the %s protocol era', (era) => {
        let client: Client;
        beforeAll(async () => {
          client = await connectHttp(server.url, era, await identity.headersFor(server.url));
        });
        afterAll(async () => client?.close());

        it("lists the example tools and the upstream's tools", async () => {
          const { tools } = await client.listTools();
          expect(tools.map((tool) => tool.name).sort()).toEqual(servedTools(options.upstream));
        });

        it('calls a tool', async () => {
          const result = await client.callTool({ name: 'echo', arguments: { text: `hello over ${era} http` } });
          expect(JSON.stringify(result.content)).toContain(`hello over ${era} http`);
        });

        if (tokenAuth)
          it('tells the caller who it is: the client its token was issued to, with every scope and role it holds', async () => {
            const caller = identity.caller!;
            const { structuredContent } = await client.callTool({ name: 'whoami', arguments: {} });
            const whoami = structuredContent as { subject: string; clientId?: string; scopes: string[]; roles: string[] };
            expect([whoami.subject, whoami.clientId]).toContain(caller.clientId);
            expect(whoami.scopes).toEqual(expect.arrayContaining(caller.scopes));
            expect(whoami.roles).toEqual(expect.arrayContaining(caller.roles));
          });
      });
    });

    // Process managers stop the process they started, which here is the package manager. npm and pnpm
    // pass the signal only to the shell running the script, which dies of it without passing it on;
    // the server, started with --exit-with-parent, sees its parent go and drains.
    describe(`started with \`${options.packageManager} start\``, () => {
      it('finishes a call in flight when the package manager gets SIGTERM, then the server stops cleanly and nothing is left serving', async () => {
        const server = await startHttpServer(project.dir, {
          command: options.packageManager,
          args: ['start'],
          // The drain waits for the call however loaded the machine is: no forced close cuts it short.
          env: { ...project.env, ...identity.env, SHUTDOWN_TIMEOUT_MS: '120000', LOG_LEVEL: 'info' },
          ownProcessGroup: true,
        });
        let client: Client | undefined;
        try {
          client = await connectHttp(server.url, 'modern', await identity.headersFor(server.url));
          let inFlight!: () => void;
          const started = new Promise<void>((resolve) => (inFlight = resolve));
          const call = client.callTool({ name: 'long_task', arguments: { steps: 8, stepMs: 250 } }, { onprogress: () => inFlight() });
          await started;

          server.process.kill('SIGTERM');

          expect((await call).structuredContent).toEqual({ completedSteps: 8 });
          // The package manager reports the signal it got, as it does for any script a signal ended
          // (a shell that hands over to its command, as on macOS, lets it report the server's 0).
          expect([{ code: null, signal: 'SIGTERM' }, { code: 0, signal: null }]).toContainEqual(await server.exited);
          // The output closes once the last process holding it, the server, has exited.
          await server.outputClosed;
          expect(server.output()).toMatch(/"msg":"HTTP server stopped"/);
          expect(await answers(new URL('/healthz', server.url).href)).toBe(false);
        } finally {
          await client?.close().catch(() => undefined);
          server.stop();
        }
      });
    });
  });
});
