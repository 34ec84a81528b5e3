import { Agent } from 'node:https';

import { CosmosClient, PartitionKeyDefinitionVersion, PartitionKeyKind, type Container, type ContainerDefinition } from '@azure/cosmos';

import { AppError, ConfigError } from '../errors.js';
import { packageInfo } from '../package-info.js';
import { readCaFile } from './ca-file.js';
import { explainStartFailure, statusOf, type FailureContext } from './cosmos-errors.js';
import { LOCAL_EMULATOR_ENDPOINT, LOCAL_EMULATOR_KEY, type CosmosSettings } from './cosmos-settings.js';
import { StoreUnavailableError } from './store-unavailable.js';

/** The partition key path of the store's container: every item carries `pk` (see cosmos-store.ts). */
export const PARTITION_KEY_PATH = '/pk';

/**
 * The container the store creates when it is missing. Default time to live -1: expiry is on, and an
 * item lives until its own `ttl` runs out (items without one never expire). Only `pk` is indexed: the
 * store reads items by id and lists a set's members by partition, so indexing the rest would only add
 * request units to every write.
 */
export function containerDefinition(id: string): ContainerDefinition {
  return {
    id,
    partitionKey: { paths: [PARTITION_KEY_PATH], kind: PartitionKeyKind.Hash, version: PartitionKeyDefinitionVersion.V2 },
    defaultTtl: -1,
    indexingPolicy: { indexingMode: 'consistent', automatic: true, includedPaths: [{ path: `${PARTITION_KEY_PATH}/?` }], excludedPaths: [{ path: '/*' }] },
  };
}

/** An open container and what the store needs beside it. */
export interface OpenContainer {
  client: CosmosClient;
  container: Container;
  /** Longest wait for a readiness check (COSMOS_CHECK_TIMEOUT_MS). */
  checkTimeoutMs: number;
}

/**
 * Connects, finds the container (creating the database and the container if missing, when the
 * credentials may), and checks it is one the store can use. Rejects with a message naming the
 * variable to fix when the account cannot be reached, refuses the credentials, or the container is
 * partitioned otherwise; gives up after COSMOS_CHECK_TIMEOUT_MS.
 */
export async function openCosmosContainer(settings: CosmosSettings): Promise<OpenContainer> {
  if (settings.COSMOS_ENDPOINT === undefined && settings.NODE_ENV === 'production') {
    // A default would point every replica at an emulator of its own (or none): state would not be shared.
    throw new ConfigError([
      `COSMOS_ENDPOINT: required in production with the Azure Cosmos DB store, e.g. https://my-account.documents.azure.com:443/ (outside production it defaults to the local emulator, ${LOCAL_EMULATOR_ENDPOINT}).`,
    ]);
  }
  const endpoint = settings.COSMOS_ENDPOINT ?? LOCAL_EMULATOR_ENDPOINT;
  const key = settings.COSMOS_KEY ?? (settings.COSMOS_ENDPOINT === undefined ? LOCAL_EMULATOR_KEY : undefined);
  const ca = settings.COSMOS_TLS_CA_FILE === undefined ? undefined : await readCaFile('COSMOS_TLS_CA_FILE', settings.COSMOS_TLS_CA_FILE);
  const context: FailureContext = {
    endpoint,
    database: settings.COSMOS_DATABASE,
    container: settings.COSMOS_CONTAINER,
    auth: key === undefined ? 'identity' : 'key',
    caFile: settings.COSMOS_TLS_CA_FILE,
  };

  const client = new CosmosClient({
    endpoint,
    ...(key === undefined ? { aadCredentials: await entraCredential() } : { key }),
    // A private CA (the emulator's certificate) is trusted for this client only, never process-wide.
    agent: new Agent({ keepAlive: true, ...(ca === undefined ? {} : { ca }) }),
    userAgentSuffix: packageInfo.name,
  });
  try {
    const container = await withTimeout(prepareContainer(client, settings), settings.COSMOS_CHECK_TIMEOUT_MS, () =>
      new StoreUnavailableError(
        `No answer from Azure Cosmos DB at ${endpoint} (COSMOS_ENDPOINT) within COSMOS_CHECK_TIMEOUT_MS (${settings.COSMOS_CHECK_TIMEOUT_MS} ms). ` +
          'Check the host and port in COSMOS_ENDPOINT and that no firewall drops the connection.',
      ),
    );
    return { client, container, checkTimeoutMs: settings.COSMOS_CHECK_TIMEOUT_MS };
  } catch (error) {
    client.dispose();
    if (error instanceof AppError) throw error;
    throw new StoreUnavailableError(explainStartFailure(error, context), { cause: error });
  }
}

/** The container, created with its database when missing; refused when partitioned on another path. */
async function prepareContainer(client: CosmosClient, settings: CosmosSettings): Promise<Container> {
  const existing = client.database(settings.COSMOS_DATABASE).container(settings.COSMOS_CONTAINER);
  // Read first: a Microsoft Entra identity may read a container but not create one, so an existing
  // container must not need the right to create it.
  let definition: ContainerDefinition | undefined;
  try {
    definition = (await existing.read()).resource;
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  if (definition === undefined) {
    // No throughput is asked for: serverless accounts refuse it, and on a provisioned account the
    // container gets the service's default (or shares the database's). Create it yourself to choose.
    const { database } = await client.databases.createIfNotExists({ id: settings.COSMOS_DATABASE });
    definition = (await database.containers.createIfNotExists(containerDefinition(settings.COSMOS_CONTAINER))).resource;
  }
  const paths = definition?.partitionKey?.paths ?? [];
  if (paths.length !== 1 || paths[0] !== PARTITION_KEY_PATH) {
    throw new StoreUnavailableError(
      `Container "${settings.COSMOS_CONTAINER}" (COSMOS_CONTAINER) in database "${settings.COSMOS_DATABASE}" is partitioned on ${paths.join(', ') || 'nothing'}, ` +
        `but the store needs partition key ${PARTITION_KEY_PATH}. Point COSMOS_CONTAINER at a new container (the server creates it) or one made with partition key ${PARTITION_KEY_PATH}.`,
    );
  }
  if (definition?.defaultTtl === undefined || definition.defaultTtl === null) {
    throw new StoreUnavailableError(
      `Container "${settings.COSMOS_CONTAINER}" (COSMOS_CONTAINER) has time to live off, so expired entries would never be removed. ` +
        'Turn it on with default -1 (items expire by their own ttl): az cosmosdb sql container update ... --ttl -1.',
    );
  }
  return client.database(settings.COSMOS_DATABASE).container(settings.COSMOS_CONTAINER);
}

/**
 * Managed identity, workload identity, environment credentials or a developer's az login, whichever
 * this process has (DefaultAzureCredential). Loaded only when COSMOS_KEY is unset.
 */
async function entraCredential() {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential();
}

/**
 * `work`, or the error `late()` makes once `ms` have passed. The SDK retries unreachable and
 * unresolvable endpoints for minutes on its own; start-up and readiness must answer sooner.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    // The work may still fail after the deadline: that failure has been reported already.
    work.catch(() => {});
  }
}
