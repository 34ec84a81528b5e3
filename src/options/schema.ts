import { z } from 'zod';

/**
 * The single source of truth for what a project can be made of. Commander flags, clack prompts,
 * combination rules, feature manifests and the `enterprise-mcp.json` marker all derive from these
 * enums: a value exists here only once it generates a project that works end to end.
 */
export const UPSTREAMS = ['generic', 'keycloak', 'entra', 'scalekit'] as const;
export const AUTH_STRATEGIES = ['none', 'jwt', 'introspection', 'gateway'] as const;
export const STORAGE_BACKENDS = ['memory'] as const;
export const DEPLOY_TARGETS = ['docker', 'github-actions'] as const;
export const PACKAGE_MANAGERS = ['npm', 'pnpm'] as const;

export const upstreamSchema = z.enum(UPSTREAMS);
export const authSchema = z.enum(AUTH_STRATEGIES);
export const storageSchema = z.enum(STORAGE_BACKENDS);
export const deployTargetSchema = z.enum(DEPLOY_TARGETS);
export const packageManagerSchema = z.enum(PACKAGE_MANAGERS);

export type Upstream = z.infer<typeof upstreamSchema>;
export type AuthStrategy = z.infer<typeof authSchema>;
export type StorageBackend = z.infer<typeof storageSchema>;
export type DeployTarget = z.infer<typeof deployTargetSchema>;
export type PackageManager = z.infer<typeof packageManagerSchema>;

/** What shapes the generated files. Recorded in the marker so `add` can regenerate consistently. */
export const projectOptionsSchema = z.object({
  projectName: z.string().min(1),
  upstream: upstreamSchema,
  auth: authSchema,
  storage: storageSchema,
  deploy: z.array(deployTargetSchema).transform((targets) => [...new Set(targets)].sort()),
  packageManager: packageManagerSchema,
});
export type ProjectOptions = z.infer<typeof projectOptionsSchema>;

/** What only affects this run (never written into the project). */
export const runOptionsSchema = z.object({
  install: z.boolean(),
  git: z.boolean(),
});
export type RunOptions = z.infer<typeof runOptionsSchema>;

export const MARKER_FILE = 'enterprise-mcp.json';

/** The marker written into every generated project: its options and the generator that made it. */
export const markerSchema = z.object({
  $schemaVersion: z.literal(1),
  generatorVersion: z.string(),
  options: projectOptionsSchema,
});
export type Marker = z.infer<typeof markerSchema>;

/** Human labels and one-line hints per value, shared by `--help` and the prompts. */
export const LABELS = {
  upstream: {
    generic: { label: 'Generic', hint: 'any OIDC provider and any REST API' },
    keycloak: { label: 'Keycloak', hint: 'one Keycloak realm issues the tokens' },
    entra: { label: 'Microsoft Entra ID', hint: 'an Entra app registration; single- or multi-tenant' },
    scalekit: { label: 'Scalekit', hint: 'Scalekit MCP auth: sign-in, DCR and CIMD for MCP clients' },
  },
  auth: {
    none: { label: 'None', hint: 'local development and stdio; refuses remote binds unless allowed' },
    jwt: { label: 'JWT', hint: 'verify the identity provider’s JWT access tokens (OAuth resource server)' },
    introspection: { label: 'Introspection', hint: 'opaque tokens checked with the identity provider (RFC 7662), cached' },
    gateway: { label: 'Gateway', hint: 'behind APIM / Istio / Envoy: forwarded identity verified (JWT or HMAC)' },
  },
  storage: {
    memory: { label: 'In-memory', hint: 'one process, nothing survives a restart' },
  },
  deploy: {
    docker: { label: 'Docker', hint: 'multi-stage image, non-root, healthcheck' },
    'github-actions': { label: 'GitHub Actions', hint: 'CI workflow: typecheck, test, build' },
  },
  packageManager: {
    npm: { label: 'npm', hint: '' },
    pnpm: { label: 'pnpm', hint: '' },
  },
} as const satisfies {
  upstream: Record<Upstream, Label>;
  auth: Record<AuthStrategy, Label>;
  storage: Record<StorageBackend, Label>;
  deploy: Record<DeployTarget, Label>;
  packageManager: Record<PackageManager, Label>;
};

interface Label {
  label: string;
  hint: string;
}
