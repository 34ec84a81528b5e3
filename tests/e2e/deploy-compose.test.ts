import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_RUNTIME } from '../../src/features/versions.js';
import { startDockerEngine, type DockerEngine } from '../support/docker-engine.js';
import { generateProject, removeWhenPassed, type GeneratedProject } from '../support/generated-project.js';
import { answers, connectHttp, freePort } from '../support/mcp-process.js';

/**
 * The `compose` deploy target, brought up for real once per store that runs as a service of its own:
 * the server's image built from the project's Dockerfile, two replicas behind the proxy, the store,
 * each started only once what it needs is healthy, and a tool call through the proxy.
 */
const SERVICE_IMAGES = { postgres: 'postgres:17', redis: 'redis:7', nginx: 'nginx:1.28' };

/** The secrets a user writes into .env: the store's password and the key that seals what the store keeps. */
const SECRETS = {
  postgres: { POSTGRES_PASSWORD: randomBytes(18).toString('base64url') },
  redis: { REDIS_PASSWORD: randomBytes(18).toString('base64url') },
} as const;

let engine: DockerEngine;

beforeAll(async () => {
  engine = await startDockerEngine();
  await engine.provideNodeImage(Number(NODE_RUNTIME.image));
  await engine.provideServiceImages(SERVICE_IMAGES);
});
afterAll(async () => engine?.stop());

describe.each(['postgres', 'redis'] as const)('the compose deploy target (generic/none/%s, npm)', (storage) => {
  let project: GeneratedProject;
  let composeEnv: Record<string, string>;
  let url: string;
  const composeProject = `cem-e2e-compose-${storage}`;
  const compose = (...args: string[]) => engine.compose(project.dir, composeEnv, '--project-name', composeProject, ...args);

  beforeAll(async () => {
    project = await generateProject(['--yes', '--upstream', 'generic', '--auth', 'none', '--storage', storage, '--deploy', 'compose'], { packageManager: 'npm', node: 24 });
    const example = await readFile(join(project.dir, '.env.example'), 'utf8');
    const secrets = { ...SECRETS[storage], STORE_SEALING_KEYS: `k1:${randomBytes(32).toString('base64url')}` };
    await writeFile(join(project.dir, '.env'), `${example}\n${Object.entries(secrets).map(([name, value]) => `${name}=${value}`).join('\n')}\n`);
    const port = await freePort();
    composeEnv = { MCP_PORT: String(port) };
    url = `http://127.0.0.1:${port}/mcp`;
  });
  removeWhenPassed(() => project);
  afterAll(async () => {
    if (project !== undefined) await compose('down', '--volumes', '--timeout', '20');
  });

  it('is a valid compose file to Docker Compose itself', async () => {
    const checked = await compose('config', '--quiet');
    expect(checked.exitCode, checked.all).toBe(0);
  });

  it('comes up: the store, then two healthy server replicas, then the proxy', async () => {
    const up = await compose('up', '--detach', '--build');
    expect(up.exitCode, up.all).toBe(0);
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && !(await answers(url.replace(/\/mcp$/, '/healthz')))) await new Promise((resolve) => setTimeout(resolve, 500));

    const servers = (await compose('ps', '--quiet', 'server')).stdout.trim().split('\n').filter(Boolean);
    expect(servers).toHaveLength(2);
    for (const id of servers) {
      expect((await engine.docker('inspect', '--format', '{{.State.Health.Status}}', id)).stdout.trim(), (await compose('logs')).all).toBe('healthy');
    }
  });

  it('answers tool calls through the proxy, which spreads them over both replicas', async () => {
    for (let call = 0; call < 4; call++) {
      const client = await connectHttp(url, 'modern');
      try {
        const result = await client.callTool({ name: 'echo', arguments: { text: `call ${call}` } });
        expect(result.isError ?? false).toBe(false);
        expect(result.content).toEqual([{ type: 'text', text: `call ${call}` }]);
      } finally {
        await client.close();
      }
    }
    for (const id of (await compose('ps', '--quiet', 'server')).stdout.trim().split('\n')) {
      // Each replica logs every MCP request it answered.
      expect((await engine.docker('logs', id)).all).toContain('"path":"/mcp"');
    }
  });
});
