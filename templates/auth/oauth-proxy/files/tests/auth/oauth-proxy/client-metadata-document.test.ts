import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { signIn, TestOAuthClient } from '../../helpers/mcp-oauth-client.js';
import { startProxyTestBed, type ProxyTestBed } from '../../helpers/oauth-proxy-server.js';

/** Where the client publishes its metadata: its client ID, on a host of its own. */
const DOCUMENT_URL = 'https://app.example.com/oauth/mcp-client.json';

describe('clients identified by a client ID metadata document', () => {
  let bed: ProxyTestBed;
  /** What the client's host serves at DOCUMENT_URL, and how often it was asked. */
  let document: Record<string, unknown>;
  let downloads: number;

  beforeEach(async () => {
    downloads = 0;
    // The document's host, reached without a network; any other URL goes to the real fetch, with
    // the authorization server's own guards.
    const fetchDocuments: typeof fetch = async (input, init) => {
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
});
