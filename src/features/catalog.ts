import gateway from '../../templates/auth/gateway/unit.js';
import introspection from '../../templates/auth/introspection/unit.js';
import jwt from '../../templates/auth/jwt/unit.js';
import none from '../../templates/auth/none/unit.js';
import oauthProxy from '../../templates/auth/oauth-proxy/unit.js';
import base from '../../templates/base/layer.js';
import cosmos from '../../templates/storage/cosmos/unit.js';
import azure from '../../templates/deploy/azure/unit.js';
import compose from '../../templates/deploy/compose/unit.js';
import docker from '../../templates/deploy/docker/unit.js';
import githubActions from '../../templates/deploy/github-actions/unit.js';
import kubernetes from '../../templates/deploy/kubernetes/unit.js';
import memory from '../../templates/storage/memory/unit.js';
import postgres from '../../templates/storage/postgres/unit.js';
import redis from '../../templates/storage/redis/unit.js';
import sqlite from '../../templates/storage/sqlite/unit.js';
import entra from '../../templates/upstream/entra/unit.js';
import generic from '../../templates/upstream/generic/unit.js';
import keycloak from '../../templates/upstream/keycloak/unit.js';
import netsuite from '../../templates/upstream/netsuite/unit.js';
import salesforce from '../../templates/upstream/salesforce/unit.js';
import scalekit from '../../templates/upstream/scalekit/unit.js';
import type { AuthUnit, DeployUnit, Layer, StorageUnit, UpstreamUnit } from './unit.js';

/** Every value a project can be made of, per option, in the order `--help` and the prompts list them. */
export interface Catalog {
  /** The layer every project starts from. */
  base: Layer;
  upstream: readonly UpstreamUnit[];
  auth: readonly AuthUnit[];
  storage: readonly StorageUnit[];
  deploy: readonly DeployUnit[];
}

const AUTH_UNITS = [none, jwt, introspection, oauthProxy, gateway] as const;
type AuthId = (typeof AUTH_UNITS)[number]['id'];

/**
 * The value lists: a value exists here only once it generates a project that works end to end.
 * Adding one is its folder under templates/<option>/<value>/ and one line here.
 */
export const CATALOG = {
  base,
  // An upstream may only allow strategies that exist.
  upstream: [generic, keycloak, entra, scalekit, netsuite, salesforce] as const satisfies readonly UpstreamUnit<string, AuthId>[],
  auth: AUTH_UNITS,
  // The first is the default: one file on the local disk, nothing to set up, state kept across restarts.
  storage: [sqlite, memory, redis, postgres, cosmos] as const,
  deploy: [docker, compose, kubernetes, azure, githubActions] as const,
} as const satisfies Catalog;

export type BuiltInCatalog = typeof CATALOG;

/** The unit of a value list with this id; an id the options schema accepted always has one. */
export function unitOf<U extends { id: string }>(units: readonly U[], id: string): U {
  const unit = units.find((candidate) => candidate.id === id);
  if (unit === undefined) throw new Error(`No unit named ${id} among ${units.map((candidate) => candidate.id).join(', ')}`);
  return unit;
}

/** The ids of a value list, as a tuple of literals (what z.enum and commander's choices take). */
export function idsOf<const Units extends readonly [{ id: string }, ...{ id: string }[]]>(units: Units): { [K in keyof Units]: Units[K]['id'] } {
  return units.map((unit) => unit.id) as { [K in keyof Units]: Units[K]['id'] };
}
