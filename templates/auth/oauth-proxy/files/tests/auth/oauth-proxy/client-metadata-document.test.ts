import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { signIn, TestOAuthClient } from '../../helpers/mcp-oauth-client.js';
import { startProxyTestBed, type ProxyTestBed } from '../../helpers/oauth-proxy-server.js';

/** Where the client publishes its metadata: its client ID, on a host of its own. */
const DOCUMENT_URL = 'https://app.example.com/oauth/mcp-client.json';
/** A client ID whose host answers with a redirect to a loopback address (an SSRF attempt). */
const REDIRECTING_URL = 'https://moved.example.com/oauth/mcp-client.json';

describe('clients identified by a client ID metadata document', () => {
  let bed: ProxyTestBed;
  /** What the client's host serves at DOCUMENT_URL, and how often it was asked. */
  let document: Record<string, unknown>;
  let downloads: number;
  /** Every URL the authorization server fetched. */
  let fetched: string[];

  beforeEach(async () => {
    downloads = 0;
    fetched = [];
    // The documents' hosts, reached without a network; any other URL goes to the real fetch, with
    // the authorization server's own guards.
    const fetchDocuments: typeof fetch = async (input, init) => {
      fetched.push(String(input));
      if (String(input) === REDIRECTING_URL) return new Response(null, { status: 302, headers: { location: 'https://127.0.0.1/client.json' } });
      if (String(input) !== DOCUMENT_URL) return fetch(input, init);
      downloads += 1;
      return Response.json(document, { headers: { 'cache-control': 'max-age=300' } });
    };
    bed = await startProxyTestBed({}, {}, { fetch: fetchDocuments });
  });
  afterEach(async () => {
    await bed.close();
  });

  const client = () => {
    const oauth = new TestOAuthClient('Example App', 'http://127.0.0.1:33418/callback', DOCUMENT_URL);
    document = { ...oauth.clientMetadata, client_id: DOCUMENT_URL };
    return oauth;
  };

  it('signs the user in with the URL as client ID, without registering', async () => {
    const { client: mcp } = await signIn(bed.server, bed.upstream, client());
    const result = await mcp.callTool({ name: 'whoami', arguments: {} });
    expect(result.structuredContent).toMatchObject({ subject: 'alice', clientId: DOCUMENT_URL });
    expect(downloads).toBe(1);
    await mcp.close();
  });

  it('shows the user the host that serves the document on the consent page', async () => {
    const oauth = client();
    const pages: string[] = [];
    await signIn(bed.server, bed.upstream, oauth, { onPage: (html) => pages.push(html) });
    expect(pages.some((html) => html.includes('identified by a document on <strong>app.example.com</strong>'))).toBe(true);
  });

  it('refuses, on an error page and not back to the client, a document that names another client ID than its own URL', async () => {
    const oauth = client();
    document = { ...document, client_id: 'https://other.example.com/client.json' };
    await expect(signIn(bed.server, bed.upstream, oauth)).rejects.toThrow(/\(HTTP 400\): .*client_id does not match/);
  });

  it('refuses a document whose host redirects elsewhere, without following the redirect', async () => {
    const oauth = new TestOAuthClient('Example App', 'http://127.0.0.1:33418/callback', REDIRECTING_URL);
    await expect(signIn(bed.server, bed.upstream, oauth)).rejects.toThrow(/\(HTTP 400\)/);
    // The client ID itself (asked again by each attempt), never where its host sent the server.
    expect(new Set(fetched)).toEqual(new Set([REDIRECTING_URL]));
  });
});
