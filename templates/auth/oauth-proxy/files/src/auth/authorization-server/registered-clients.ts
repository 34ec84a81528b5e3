import { z } from 'zod';

/**
 * `AUTH_CLIENTS`: clients the operator registers up front, as a JSON array of client metadata
 * (RFC 7591) each with its `client_id`; the authorization server checks each field when it starts.
 */
export const registeredClientsSetting = z.string().transform((value, ctx): Record<string, unknown>[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON; expected an array of client metadata objects, e.g. [{"client_id":"desktop-app","redirect_uris":["http://127.0.0.1/callback"],"token_endpoint_auth_method":"none"}]' });
    return z.NEVER;
  }
  if (!Array.isArray(parsed) || parsed.some((client) => typeof client !== 'object' || client === null || typeof (client as { client_id?: unknown }).client_id !== 'string')) {
    ctx.addIssue({ code: 'custom', message: 'expected an array of client metadata objects, each with a "client_id"' });
    return z.NEVER;
  }
  return parsed as Record<string, unknown>[];
});
