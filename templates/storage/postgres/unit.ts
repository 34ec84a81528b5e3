import { optionalSetting, type StorageUnit } from '../../../src/features/unit.js';
import { sharedStorage } from '../../layers/shared-storage/layer.js';

export default {
  id: 'postgres',
  label: 'PostgreSQL',
  hint: 'shared by many replicas, survives restarts',
  folder: 'storage/postgres',
  layers: [sharedStorage],
  sharedByReplicas: true,
  dependencies: ['pg'],
  devDependencies: ['@types/pg'],
  envVars: [
    {
      name: 'DATABASE_URL',
      description:
        'PostgreSQL connection URL, e.g. postgres://user:password@db.example.com:5432/mcp?sslmode=verify-full. sslmode has libpq\'s meaning: disable, require (encrypted, certificate not checked), verify-ca (certificate checked against DATABASE_CA_FILE) or verify-full (certificate and host name checked: use it in production). No sslmode: no TLS, unless DATABASE_CA_FILE is set (then verify-full).',
      example: 'postgres://postgres@127.0.0.1:5432/mcp',
      required: true,
      secret: true,
      locatesStore: true,
    },
    optionalSetting(
      'DATABASE_CA_FILE',
      "Path of a PEM file with the CA certificates that sign the database server's certificate, for private CAs and cloud CAs Node.js does not ship (e.g. Amazon RDS). Replaces Node's public CAs for this connection.",
      '/etc/ssl/certs/db-ca.pem',
    ),
    optionalSetting('DATABASE_POOL_SIZE', 'Most connections one server process opens to PostgreSQL. Replicas × this must stay below the server\'s max_connections.', '10'),
    optionalSetting(
      'DATABASE_CONNECT_TIMEOUT_MS',
      'Longest wait for a new connection to PostgreSQL, in milliseconds; at start-up the server gives up after it with a message naming DATABASE_URL.',
      '10000',
    ),
    optionalSetting(
      'DATABASE_SCHEMA',
      "Schema holding the store's tables (store_values, store_counters, store_set_members, store_schema_version), created and migrated on start. Replicas that share state must use the same one.",
      'mcp_store',
    ),
  ],
  readme: [{ file: 'storage.md' }],
} as const satisfies StorageUnit;
