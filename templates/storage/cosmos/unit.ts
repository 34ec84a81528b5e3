import { optionalSecret, optionalSetting, type StorageUnit } from '../../../src/features/unit.js';
import { sharedStorage } from '../../layers/shared-storage/layer.js';

export default {
  id: 'cosmos',
  label: 'Azure Cosmos DB',
  hint: 'Azure Cosmos DB for NoSQL: shared by every replica, serverless or provisioned, managed identity',
  folder: 'storage/cosmos',
  layers: [sharedStorage],
  sharedByReplicas: true,
  dependencies: ['@azure/cosmos', '@azure/identity'],
  // The tests run the store against an emulator inside the test process, over TLS with a certificate made per run.
  devDependencies: ['@vercel/cosmosdb-server', 'selfsigned'],
  envVars: [
    {
      name: 'COSMOS_ENDPOINT',
      description:
        "The account's endpoint, e.g. https://my-account.documents.azure.com:443/ (the account's Overview page). Every replica uses the same one. Required in production; elsewhere it defaults to the local Azure Cosmos DB emulator, https://localhost:8081/ (with the emulator's published key).",
      example: 'https://my-account.documents.azure.com:443/',
      required: true,
      secret: false,
      locatesStore: true,
    },
    optionalSecret(
      'COSMOS_KEY',
      "The account's primary or secondary key. Unset: the server signs in with its Microsoft Entra identity (managed identity, workload identity, AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, or az login locally), which needs the Cosmos DB Built-in Data Contributor role on the account.",
    ),
    optionalSetting('COSMOS_DATABASE', 'Database holding the store\'s container; created on start if missing (when the credentials may).', 'mcp'),
    optionalSetting(
      'COSMOS_CONTAINER',
      "Container of the store's items, partition key /pk, time to live on (-1); created on start if missing (when the credentials may). Replicas that share state use the same one.",
      'store',
    ),
    optionalSetting(
      'COSMOS_TLS_CA_FILE',
      "PEM file of the certificate that signs the endpoint's certificate, when Node.js does not trust it already: the emulator's certificate, or a private CA. Trusted for this connection only.",
      '/etc/ssl/certs/cosmos-emulator.pem',
    ),
    optionalSetting(
      'COSMOS_CHECK_TIMEOUT_MS',
      'Longest wait for the start-up check and for each readiness check of Azure Cosmos DB, in milliseconds; at start-up the server gives up after it with a message naming COSMOS_ENDPOINT.',
      '10000',
    ),
  ],
  readme: [{ file: 'storage.md' }],
} as const satisfies StorageUnit;
