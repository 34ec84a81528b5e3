import { escapeHtml, page } from './html.js';

export interface ConsentRequest {
  /** The interaction the form belongs to; the form posts back to it. */
  action: string;
  csrfToken: string;
  clientName: string;
  clientId: string;
  /** Where the application's metadata document lives, for clients identified by a URL. */
  metadataHost?: string;
  redirectUri: string;
  scopes: readonly string[];
  /** The system the user signs in at (e.g. "NetSuite"). */
  upstreamName: string;
  /** Known once the user signed in at the upstream; absent on the page shown before. */
  userName?: string;
}

/**
 * The page on which a user lets an MCP client act for them. It names the application the way it
 * cannot fake: the host its metadata is served from (or that it registered itself) and the address
 * that will receive the result, besides the name it gives itself.
 */
export function renderConsentPage(request: ConsentRequest): string {
  const origin = request.metadataHost === undefined ? 'registered itself with this server (its name is not verified)' : `identified by a document on <strong>${escapeHtml(request.metadataHost)}</strong>`;
  const scopes = request.scopes.length === 0 ? '<li>use the tools that need no particular permission</li>' : request.scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join('');
  const who = request.userName === undefined ? '' : `<p>Signed in at ${escapeHtml(request.upstreamName)} as <strong>${escapeHtml(request.userName)}</strong>.</p>`;
  return page(
    'Allow access?',
    `<h1>Allow ${escapeHtml(request.clientName)} to act for you?</h1>${who}` +
      `<dl><dt>Application</dt><dd>${escapeHtml(request.clientName)}, ${origin}<br><code>${escapeHtml(request.clientId)}</code></dd>` +
      `<dt>Results go to</dt><dd><code>${escapeHtml(request.redirectUri)}</code></dd>` +
      `<dt>It may</dt><dd><ul>${scopes}</ul></dd></dl>` +
      `<p>It will act in ${escapeHtml(request.upstreamName)} with your permissions there. Only allow applications you started yourself.</p>` +
      `<form method="post" action="${escapeHtml(request.action)}"><input type="hidden" name="csrf" value="${escapeHtml(request.csrfToken)}">` +
      `<button type="submit" name="decision" value="allow">Allow</button><button type="submit" name="decision" value="deny">Deny</button></form>`,
  );
}
