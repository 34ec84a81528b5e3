import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDockerEngine, type DockerEngine } from '../support/docker-engine.js';
import { generateProject, removeWhenPassed, type GeneratedProject } from '../support/generated-project.js';
import { connectHttp } from '../support/mcp-process.js';
import { NODE_RUNTIME } from '../../src/features/versions.js';

/**
 * The `docker` deploy target, proven once with a real Docker engine: the generated Dockerfile builds,
 * and the image runs the way production runs it (read-only root filesystem, no capabilities, SQLite on
 * a volume) as the unprivileged user, becomes healthy by its own health check, serves the SDK's client
 * and drains on `docker stop`. SQLite is the backend whose data lives inside the container's volume.
 */
const IMAGE = 'cem-e2e-docker-target';
const CONTAINER = 'cem-e2e-docker-target';
const VOLUME = 'cem-e2e-docker-target-data';
const SHUTDOWN_TIMEOUT_MS = 8_000;

describe('the docker deploy target (generic/none/sqlite, npm)', () => {
  let engine: DockerEngine;
  let project: GeneratedProject;
  let url: string;

  beforeAll(async () => {
    engine = await startDockerEngine();
    await engine.docker('rm', '-f', CONTAINER);
    await engine.docker('volume', 'rm', '-f', VOLUME);
    await engine.provideNodeImage(Number(NODE_RUNTIME.image));
    project = await generateProject(['--yes', '--upstream', 'generic', '--auth', 'none', '--storage', 'sqlite', '--deploy', 'docker'], { packageManager: 'npm', node: 24 });
  });
  removeWhenPassed(() => project);
  afterAll(async () => {
    if (engine === undefined) return;
    await engine.docker('rm', '-f', CONTAINER);
    await engine.docker('volume', 'rm', '-f', VOLUME);
    await engine.docker('image', 'rm', '-f', IMAGE);
    await engine.stop();
  });

  it('builds its image with the Dockerfile it was generated with', async () => {
    // Without the layer cache: every run installs from the lockfile and compiles, as a fresh builder does.
    const build = await engine.docker('build', '--no-cache', '-t', IMAGE, project.dir);
    expect(build.exitCode, build.all).toBe(0);
  });

  it('starts with a read-only root filesystem, no capabilities and its data on a volume', async () => {
    const started = await engine.docker(
      'run', '--detach', '--name', CONTAINER,
      '--read-only', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges',
      '--publish', '127.0.0.1::3000',
      '--volume', `${VOLUME}:/app/data`,
      // The image's health check, probed every second instead of every 30 s so the test need not wait.
      '--health-interval', '1s',
      '--env', 'ALLOW_UNAUTHENTICATED_REMOTE=true',
      '--env', `STORE_SEALING_KEYS=k1:${randomBytes(32).toString('base64url')}`,
      '--env', `SHUTDOWN_TIMEOUT_MS=${SHUTDOWN_TIMEOUT_MS}`,
      IMAGE,
    );
    expect(started.exitCode, started.all).toBe(0);
    const port = (await engine.docker('port', CONTAINER, '3000/tcp')).stdout.trim().split(':').at(-1);
    url = `http://127.0.0.1:${port}/mcp`;
  });

  it('becomes healthy by its own health check', async () => {
    const deadline = Date.now() + 60_000;
    let status = '';
    while (Date.now() < deadline && status !== 'healthy') {
      status = (await engine.docker('inspect', '--format', '{{.State.Health.Status}}', CONTAINER)).stdout.trim();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(status, (await engine.docker('logs', CONTAINER)).all).toBe('healthy');
  });

  it('runs the server as the unprivileged node user', async () => {
    const user = await engine.docker('exec', CONTAINER, 'id', '-un');
    expect(user.stdout.trim()).toBe('node');
  });

  it('keeps the store on the volume, written by that user', async () => {
    const listing = await engine.docker('exec', CONTAINER, 'find', '/app/data', '-type', 'f', '-user', 'node');
    expect(listing.stdout.trim().split('\n').filter(Boolean).length, listing.all).toBeGreaterThan(0);
  });

  it('answers tools/list from the SDK client through the published port', async () => {
    const client = await connectHttp(url, 'modern');
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('long_task');
    } finally {
      await client.close();
    }
  });

  it('lets an in-flight call finish on docker stop, then exits 0 within the shutdown timeout', async () => {
    const client = await connectHttp(url, 'modern');
    try {
      const call = client.callTool({ name: 'long_task', arguments: { steps: 4, stepMs: 500 } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Docker waits longer than the server's own timeout before it kills (exit 137): a clean exit (0) with the
      // call answered means the server drained by itself, within SHUTDOWN_TIMEOUT_MS.
      const stopped = engine.docker('stop', '--time', String(SHUTDOWN_TIMEOUT_MS / 1000 + 5), CONTAINER);
      const result = await call;
      expect((await stopped).exitCode).toBe(0);

      expect(result.isError ?? false).toBe(false);
      expect(result.structuredContent).toEqual({ completedSteps: 4 });
      expect((await engine.docker('inspect', '--format', '{{.State.ExitCode}}', CONTAINER)).stdout.trim()).toBe('0');
    } finally {
      await client.close();
    }
  });
});
