import type { StorageUnit } from '../../../src/features/unit.js';
import { sharedStorage } from '../../layers/shared-storage/layer.js';

export default {
  id: 'redis',
  label: 'Redis',
  hint: 'shared by every replica, native expiry; durable with Redis persistence on',
  folder: 'storage/redis',
  layers: [sharedStorage],
  sharedByReplicas: true,
  dependencies: ['@redis/client'],
  envVars: [
    {
      name: 'REDIS_URL',
      description:
        'Where Redis is: redis://[user:password@]host[:port][/database], or rediss:// for TLS; the password URL-encoded. Every replica uses the same one. Required in production; elsewhere it defaults to redis://127.0.0.1:6379.',
      example: 'redis://127.0.0.1:6379',
      required: true,
      secret: true,
      locatesStore: true,
    },
    {
      name: 'REDIS_KEY_PREFIX',
      description:
        'Put before every key this server writes, so several servers can share one Redis. Keep it the same on every replica of one server. Default: the package name followed by a colon.',
      example: 'orders-mcp:',
      required: false,
      secret: false,
    },
    {
      name: 'REDIS_TLS_CA_FILE',
      description: "PEM file of the certificate authority that signed the Redis server's certificate, when it is a private CA (rediss:// only).",
      example: '/etc/ssl/redis-ca.pem',
      required: false,
      secret: false,
    },
  ],
  readme: [{ file: 'storage.md' }],
} as const satisfies StorageUnit;
