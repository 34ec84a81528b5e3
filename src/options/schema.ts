import { z } from 'zod';

/**
 * The single source of truth for what a project can be made of. Commander flags, clack prompts,
 * combination rules, feature manifests and the `enterprise-mcp.json` marker all derive from these
 * enums: a value exists here only once it generates a project that works end to end.
 */
/** Upstreams with nothing to choose beyond the preset itself. */
const UPSTREAMS_WITHOUT_SETTINGS = ['generic', 'keycloak', 'entra', 'scalekit'] as const;
export const UPSTREAMS = [...UPSTREAMS_WITHOUT_SETTINGS, 'netsuite', 'salesforce'] as const;
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

/** NetSuite account IDs as Company Information shows them: 123456, sandboxes 123456_SB1, test drives TSTDRV1234567. */
export const NETSUITE_ACCOUNT_ID = /^[A-Z0-9]+(_(SB|RP)[0-9]+)?$/;

export const netsuiteSettingsSchema = z.object({
  /** Rendered as the NETSUITE_ACCOUNT_ID default; unset leaves it to the environment. */
  accountId: z
    .string()
    .trim()
    .toUpperCase()
    .regex(NETSUITE_ACCOUNT_ID, 'expected a NetSuite account ID such as 1234567 or 1234567_SB1 (Setup > Company > Company Information)')
    .optional(),
});

/**
 * Where tokens are requested when no My Domain URL was given. It serves the jwt_bearer flow, but the
 * default client_credentials flow needs the org's My Domain URL, so a project left with it is told
 * to set SALESFORCE_LOGIN_URL.
 */
export const DEFAULT_SALESFORCE_LOGIN_URL = 'https://login.salesforce.com';
const SHARED_SALESFORCE_LOGIN_URLS: readonly string[] = [DEFAULT_SALESFORCE_LOGIN_URL, 'https://test.salesforce.com'];

/** login.salesforce.com and test.salesforce.com: every org's login host, which names no org (no My Domain). */
export function isSharedSalesforceLogin(loginUrl: string): boolean {
  return SHARED_SALESFORCE_LOGIN_URLS.includes(loginUrl);
}
export const DEFAULT_SALESFORCE_API_VERSION = '66.0';

export const salesforceSettingsSchema = z.object({
  /** Where tokens are requested: the org's My Domain URL (needed by the client credentials flow), login or test. */
  loginUrl: z
    .url({ protocol: /^https$/, error: 'expected an https URL such as https://acme.my.salesforce.com' })
    .transform((value) => new URL(value))
    .refine((url) => url.pathname === '/' && url.search === '' && url.hash === '', 'expected the login host only, e.g. https://acme.my.salesforce.com')
    .transform((url) => url.origin)
    .default(DEFAULT_SALESFORCE_LOGIN_URL),
  /** REST API version without the "v", e.g. 66.0. */
  apiVersion: z
    .string()
    .trim()
    .regex(/^[0-9]{2,3}\.0$/, 'expected a Salesforce API version such as 66.0')
    .default(DEFAULT_SALESFORCE_API_VERSION),
});
export type NetsuiteSettings = z.output<typeof netsuiteSettingsSchema>;
export type SalesforceSettings = z.output<typeof salesforceSettingsSchema>;

/** The upstream and the settings only it has: a NetSuite account ID never rides along with another preset. */
export const upstreamChoiceSchema = z.discriminatedUnion('upstream', [
  z.object({ upstream: z.enum(UPSTREAMS_WITHOUT_SETTINGS) }).strict(),
  z.object({ upstream: z.literal('netsuite'), netsuite: netsuiteSettingsSchema }).strict(),
  z.object({ upstream: z.literal('salesforce'), salesforce: salesforceSettingsSchema }).strict(),
]);
export type UpstreamChoice = z.output<typeof upstreamChoiceSchema>;

/** An upstream with its settings at their defaults. */
export function defaultUpstreamChoice(upstream: Upstream): UpstreamChoice {
  if (upstream === 'netsuite') return { upstream, netsuite: {} };
  if (upstream === 'salesforce') return { upstream, salesforce: salesforceSettingsSchema.parse({}) };
  return { upstream };
}

/** What shapes the generated files. Recorded in the marker so `add` can regenerate consistently. */
const commonOptionsSchema = z.object({
  projectName: z.string().min(1),
  auth: authSchema,
  storage: storageSchema,
  deploy: z.array(deployTargetSchema).transform((targets) => [...new Set(targets)].sort()),
  packageManager: packageManagerSchema,
}).strict();
// Both sides strict: a key is refused unless one side knows it, so another upstream's settings fail.
export const projectOptionsSchema = z.intersection(commonOptionsSchema, upstreamChoiceSchema);
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
    netsuite: { label: 'Oracle NetSuite', hint: 'records and SuiteQL with machine-to-machine credentials' },
    salesforce: { label: 'Salesforce', hint: 'sObjects, SOQL and describe with an external client app' },
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
