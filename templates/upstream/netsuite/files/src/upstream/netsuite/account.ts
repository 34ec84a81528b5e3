/**
 * NetSuite account IDs as Setup > Company > Company Information shows them: 1234567, sandboxes
 * 1234567_SB1, release previews 1234567_RP1, test drives TSTDRV1234567.
 */
const ACCOUNT_ID = /^[A-Z0-9]+(_(SB|RP)[0-9]+)?$/;

/**
 * The account ID in NetSuite's canonical form (upper case, `_` before the sandbox suffix), or
 * undefined when `value` is not one. The host form (`1234567-sb1`) is accepted too: it is what people
 * copy from a browser's address bar.
 */
export function normaliseAccountId(value: string): string | undefined {
  const candidate = value.trim().toUpperCase().replace(/-/g, '_');
  return ACCOUNT_ID.test(candidate) ? candidate : undefined;
}

/** The account ID as NetSuite's host names spell it: lower case, with `-` where the account ID has `_` (1234567_SB1 -> 1234567-sb1). */
function hostLabel(accountId: string): string {
  return accountId.toLowerCase().replace(/_/g, '-');
}

/** The account's REST host. */
export function accountHost(accountId: string): string {
  return `${hostLabel(accountId)}.suitetalk.api.netsuite.com`;
}

/** Where the account's REST web services live, unless NETSUITE_REST_URL says otherwise. */
export function accountRestUrl(accountId: string): string {
  return `https://${accountHost(accountId)}`;
}

/** Where the account's users sign in, unless NETSUITE_APP_URL says otherwise: its own UI host. */
export function accountAppUrl(accountId: string): string {
  return `https://${hostLabel(accountId)}.app.netsuite.com`;
}
