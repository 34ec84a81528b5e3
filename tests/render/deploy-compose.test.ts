import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultUpstreamChoice, projectOptionsSchema, type AuthStrategy, type StorageBackend, type Upstream } from '../../src/options/schema.js';
import { planProject } from '../../src/render/plan.js';
import { DEFAULT_DEMO_OPTIONS } from '../support/defaults.js';

/**
 * The compose file as rendered, against the current Compose Specification schema (the one dclint
 * bundles). The end-to-end suite brings it up with Docker Compose (tests/e2e/deploy-compose.test.ts).
 */
const { $schema: _draft07, ...composeSchema } = JSON.parse(readFileSync('node_modules/dclint/schemas/compose.schema.json', 'utf8')) as Record<string, unknown>;
// The schema is draft-07, Ajv's own default, under an address Ajv does not know it by: it is compiled without it.
const validateCompose = new Ajv({ strict: false, allErrors: true }).compile(composeSchema);

interface ComposeService {
  image?: string;
  profiles?: string[];
  build?: string;
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[] };
  deploy?: { replicas?: number };
}

async function composeOf(storage: StorageBackend, auth: AuthStrategy = 'none', upstream: Upstream = 'generic') {
  const options = projectOptionsSchema.parse({ ...defaultUpstreamChoice(upstream), ...DEFAULT_DEMO_OPTIONS, upstream, auth, storage, deploy: ['compose'] });
  const tree = await planProject({ options, generatorVersion: '0.0.0-test' });
  const text = tree.get('compose.yaml')?.toString() ?? '';
  return { text, compose: parse(text) as { services: Record<string, ComposeService>; volumes?: Record<string, unknown> }, tree };
}

const STORES = ['sqlite', 'memory', 'postgres', 'redis', 'cosmos'] as const satisfies readonly StorageBackend[];

describe.each(STORES)('the compose file of a %s project', (storage) => {
  it('is valid against the Compose Specification', async () => {
    const { compose } = await composeOf(storage);
    expect(validateCompose(compose), JSON.stringify(validateCompose.errors, null, 2)).toBe(true);
  });

  it('builds the server from the Dockerfile rendered beside it', async () => {
    const { compose, tree } = await composeOf(storage);
    expect(compose.services['server']?.build).toBe('.');
    expect(tree.has('Dockerfile')).toBe(true);
  });

  it('publishes ports on the loopback address only', async () => {
    const { compose } = await composeOf(storage);
    const ports = Object.values(compose.services).flatMap((service) => service.ports ?? []);
    expect(ports.length).toBe(1);
    expect(ports[0]).toMatch(/^127\.0\.0\.1:/);
  });

  it('starts a service only once what it depends on is healthy, and every such service has a health check', async () => {
    const { compose } = await composeOf(storage);
    for (const service of Object.values(compose.services)) {
      for (const [name, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(condition).toBe('service_healthy');
        // The server's own check is the image's HEALTHCHECK; compose only probes it more often.
        if (name !== 'server') expect(compose.services[name]?.healthcheck?.test).toBeDefined();
      }
    }
  });
});

describe('replicas', () => {
  it.each(['postgres', 'redis', 'cosmos'] as const)('run two servers behind the proxy where every replica reaches the %s store', async (storage) => {
    const { compose, tree } = await composeOf(storage);
    expect(compose.services['server']?.deploy?.replicas).toBe(2);
    expect(compose.services['server']?.ports).toBeUndefined();
    expect(compose.services['proxy']?.volumes).toEqual(['./deploy/compose/nginx.conf:/etc/nginx/nginx.conf:ro']);
    expect(tree.get('deploy/compose/nginx.conf')?.toString()).toContain('server server:3000;');
  });

  it.each(['sqlite', 'memory'] as const)('are one server, with no proxy, where the %s store is the process\'s own', async (storage) => {
    const { compose, tree } = await composeOf(storage);
    expect(compose.services['server']?.deploy).toBeUndefined();
    expect(compose.services['proxy']).toBeUndefined();
    expect(tree.has('deploy/compose/nginx.conf')).toBe(false);
  });
});

describe('the store', () => {
  it('with SQLite, keeps its data on a named volume', async () => {
    const { compose } = await composeOf('sqlite');
    expect(compose.services['server']?.volumes).toEqual(['server-data:/app/data']);
    expect(Object.keys(compose.volumes ?? {})).toEqual(['server-data']);
  });

  it('with PostgreSQL, runs the database with its password from .env and points DATABASE_URL at it', async () => {
    const { compose } = await composeOf('postgres');
    expect(compose.services['postgres']?.environment?.['POSTGRES_PASSWORD']).toBe('${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}');
    expect(compose.services['server']?.environment?.['DATABASE_URL']).toMatch(/^postgres:\/\/mcp:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/mcp$/);
  });

  it('with Redis, runs it durable and password-protected, and points REDIS_URL at it', async () => {
    const { compose, text } = await composeOf('redis');
    expect(text).toContain('"--appendonly", "yes", "--requirepass"');
    expect(compose.services['server']?.environment?.['REDIS_URL']).toMatch(/^redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]+\}@redis:6379$/);
  });

  it('with Azure Cosmos DB, runs no database: the account .env names is the store', async () => {
    const { compose } = await composeOf('cosmos');
    expect(Object.keys(compose.services).sort()).toEqual(['proxy', 'server']);
  });
});

describe('the server', () => {
  it('reads its settings and secrets from .env', async () => {
    expect((await composeOf('sqlite')).compose.services['server']).toMatchObject({ env_file: '.env' });
  });

  it('opts in to serving without authentication only where the project has none', async () => {
    expect((await composeOf('memory', 'none')).compose.services['server']?.environment?.['ALLOW_UNAUTHENTICATED_REMOTE']).toBe('true');
    expect((await composeOf('memory', 'jwt')).compose.services['server']?.environment).not.toHaveProperty('ALLOW_UNAUTHENTICATED_REMOTE');
  });

  it('runs read-only, without capabilities, and gets longer to stop than it takes to drain', async () => {
    expect((await composeOf('memory')).compose.services['server']).toMatchObject({
      read_only: true,
      cap_drop: ['ALL'],
      security_opt: ['no-new-privileges:true'],
      stop_grace_period: '15s',
    });
  });
});

describe('the identity provider for signing in locally', () => {
  it.each([
    ['keycloak', 'jwt'],
    ['keycloak', 'oauth-proxy'],
    ['generic', 'introspection'],
  ] as const)('is a Keycloak under the sso profile for %s/%s, valid against the Compose Specification', async (upstream, auth) => {
    const { compose } = await composeOf('postgres', auth, upstream);
    expect(validateCompose(compose), JSON.stringify(validateCompose.errors, null, 2)).toBe(true);
    expect(compose.services['keycloak']).toMatchObject({ image: expect.stringMatching(/^quay\.io\/keycloak\/keycloak:\d+\.\d+$/), profiles: ['sso'] });
    expect(compose.services['keycloak']?.ports).toEqual(['127.0.0.1:8180:8180']);
    expect(Object.keys(compose.volumes ?? {})).toEqual(['postgres-data', 'keycloak-data']);
  });

  it('is started by nothing else, so `docker compose up` without the profile needs no Keycloak', async () => {
    const { compose } = await composeOf('redis', 'jwt', 'keycloak');
    const dependencies = Object.values(compose.services).flatMap((service) => Object.keys(service.depends_on ?? {}));
    expect(dependencies).not.toContain('keycloak');
  });

  it.each([
    ['keycloak', 'none'],
    ['entra', 'jwt'],
    ['salesforce', 'oauth-proxy'],
  ] as const)('is not there for %s/%s: no token to verify, or a provider that cannot run here', async (upstream, auth) => {
    expect((await composeOf('memory', auth, upstream)).compose.services['keycloak']).toBeUndefined();
  });
});
