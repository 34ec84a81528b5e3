import { z } from 'zod';

/**
 * Where the store connects when COSMOS_ENDPOINT is unset outside production: the Azure Cosmos DB
 * emulator on this machine, at its documented address.
 */
export const LOCAL_EMULATOR_ENDPOINT = 'https://localhost:8081/';

/**
 * The key the Azure Cosmos DB emulator documents and accepts, used only with LOCAL_EMULATOR_ENDPOINT
 * when COSMOS_KEY is unset: it is public, and no real account accepts it.
 */
export const LOCAL_EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

const ENDPOINT_FORMAT = 'expected the account endpoint, e.g. https://my-account.documents.azure.com:443/';

/** COSMOS_ENDPOINT as the config schema parses it: an https:// URL with nothing after the host and port. */
export const cosmosEndpointSetting = z.string().superRefine((value, ctx) => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || url.protocol !== 'https:' || url.hostname === '') {
    ctx.addIssue({ code: 'custom', message: `${ENDPOINT_FORMAT} (Azure Cosmos DB is served over HTTPS only)` });
  } else if (url.username !== '' || url.password !== '' || (url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    ctx.addIssue({ code: 'custom', message: `${ENDPOINT_FORMAT}; no path, query or credentials (the key goes in COSMOS_KEY)` });
  }
});

/**
 * Names of databases and containers: what the service accepts (1 to 255 characters, none of / \ # ?,
 * no trailing space), narrowed to letters, digits, dots, dashes and underscores so they are the same in
 * every tool that shows them.
 */
const resourceName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/, 'expected 1 to 255 letters, digits, dots, dashes and underscores, starting with a letter or digit');

/** Environment variables of the Azure Cosmos DB store, merged into the server's config schema. */
export const cosmosEnv = {
  /** Required in production (see openCosmosContainer); elsewhere the local emulator is assumed. */
  COSMOS_ENDPOINT: cosmosEndpointSetting.optional(),
  /** The account's primary or secondary key; unset, the server signs in with its Microsoft Entra identity. */
  COSMOS_KEY: z.string().min(1).optional(),
  COSMOS_DATABASE: resourceName.default('mcp'),
  COSMOS_CONTAINER: resourceName.default('store'),
  /** A PEM file of the CA that signs the endpoint's certificate (the emulator's own, or a private CA). */
  COSMOS_TLS_CA_FILE: z.string().min(1).optional(),
  COSMOS_CHECK_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
};

/** The store's own variables on their own. */
export const cosmosSettingsSchema = z.object({ ...cosmosEnv, NODE_ENV: z.string().default('development') });

/** The store's variables as the config schema parses them, and the mode (the server passes its whole config). */
export type CosmosSettings = Readonly<z.output<z.ZodObject<typeof cosmosEnv>>> & { readonly NODE_ENV: string };
