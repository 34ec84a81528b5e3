/**
 * Where this server asks Salesforce for tokens, and what that decides: which flows Salesforce accepts
 * there, the audience of a JWT bearer assertion, and where the API may then be called.
 */

const PRODUCTION_LOGIN = 'https://login.salesforce.com';
const SANDBOX_LOGIN = 'https://test.salesforce.com';

/**
 * My Domain hosts: `acme.my.salesforce.com`, `acme--uat.sandbox.my.salesforce.com`,
 * `acme-dev-ed.develop.my.salesforce.com`, ... (also on the government and China clouds).
 */
const MY_DOMAIN_HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.([a-z]+))?\.my\.(?:salesforce\.com|salesforce\.mil|sfcrmproducts\.cn)$/;

/** My Domain kinds that are test orgs: they sign in through test.salesforce.com. */
const TEST_ORG_KINDS: ReadonlySet<string> = new Set(['sandbox', 'scratch']);

/**
 * The origin of a Salesforce login URL, or undefined when `value` is not one: https on
 * login.salesforce.com, test.salesforce.com or a My Domain host, without path, query or credentials.
 * Plain http is accepted on 127.0.0.1 only, where a local stand-in of Salesforce runs in tests.
 */
export function salesforceLoginOrigin(value: string): string | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') return undefined;
  if (url.protocol === 'http:') return url.hostname === '127.0.0.1' ? url.origin : undefined;
  if (url.protocol !== 'https:' || url.port !== '') return undefined;
  const known = url.origin === PRODUCTION_LOGIN || url.origin === SANDBOX_LOGIN || MY_DOMAIN_HOST.test(url.hostname);
  return known ? url.origin : undefined;
}

/** login.salesforce.com and test.salesforce.com serve every org; the client credentials flow needs the org's own My Domain. */
export function isSharedLoginHost(loginOrigin: string): boolean {
  return loginOrigin === PRODUCTION_LOGIN || loginOrigin === SANDBOX_LOGIN;
}

/**
 * The `aud` of a JWT bearer assertion: Salesforce expects the generic login host of the org's kind
 * (test.salesforce.com for sandboxes and scratch orgs, login.salesforce.com otherwise), also when
 * the token is requested at a My Domain. A local stand-in is its own audience.
 */
export function jwtBearerAudience(loginOrigin: string): string {
  const { hostname } = new URL(loginOrigin);
  if (isSharedLoginHost(loginOrigin)) return loginOrigin;
  const kind = MY_DOMAIN_HOST.exec(hostname)?.[1];
  if (kind !== undefined && TEST_ORG_KINDS.has(kind)) return SANDBOX_LOGIN;
  return hostname === '127.0.0.1' ? loginOrigin : PRODUCTION_LOGIN;
}

/**
 * Whether the API may be called at the `instance_url` a token answer named: only over https (the
 * token travels there), or over http when the token itself came from a local stand-in.
 */
export function isAcceptableInstanceUrl(instanceUrl: string, loginOrigin: string): boolean {
  if (!URL.canParse(instanceUrl)) return false;
  const url = new URL(instanceUrl);
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && url.hostname === '127.0.0.1' && new URL(loginOrigin).protocol === 'http:';
}
