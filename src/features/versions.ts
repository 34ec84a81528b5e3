/**
 * Every dependency a generated project can get, pinned in one table. Manifests name packages from
 * this table only (the type makes anything else fail to compile), so a version bump is one line
 * and every combination moves together. Exact versions: a generated project should build the
 * same way the day it is generated and a year later.
 */
export const VERSIONS = {
  '@modelcontextprotocol/client': '2.4.0',
  '@modelcontextprotocol/express': '2.0.2',
  '@modelcontextprotocol/node': '2.1.2',
  '@modelcontextprotocol/server': '2.4.0',
  '@types/express': '5.0.4',
  '@types/oidc-provider': '9.12.1',
  '@types/node': '20.19.43',
  express: '5.3.0',
  jose: '6.2.17',
  'oidc-provider': '9.13.3',
  pino: '10.4.0',
  tsx: '4.23.15',
  typescript: '7.0.2',
  vitest: '4.1.12',
  zod: '4.6.7',
} as const;

export type PackageName = keyof typeof VERSIONS;
