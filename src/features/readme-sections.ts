/**
 * README sections the option values contribute to a generated project (Markdown, inserted as
 * written). Kept apart from the manifests so the manifests stay readable as data.
 */

export const JWT_AUTH_README = `Every HTTP request to \`/mcp\` needs an OAuth access token in the \`Authorization: Bearer …\` header. The server is
an OAuth 2.1 resource server: it never issues tokens itself, it verifies the JWTs your identity provider issues.

A token is accepted when it is signed by one of the identity provider's published keys (fetched from its
discovery document, cached, fetched again at most once per \`AUTH_JWKS_COOLDOWN_SECONDS\` when a token names an
unknown key), with an algorithm from \`AUTH_ALGORITHMS\` (asymmetric only), its \`iss\` is exactly the provider's
issuer, its \`aud\` is this server's canonical URL (\`PUBLIC_URL\` + \`/mcp\`, or \`AUTH_AUDIENCE\`), it has an \`exp\` in the
future and no \`nbf\` in the future (both with \`AUTH_CLOCK_SKEW_SECONDS\` of tolerance), and, when
\`AUTH_ALLOWED_TENANTS\` is set, its tenant is listed. Tokens in the URL (\`?access_token=\`) are refused.

Clients find out where to get a token on their own: a request without a valid token is answered with \`401\` and
\`WWW-Authenticate: Bearer resource_metadata="…", scope="…"\`, pointing at the protected-resource metadata (RFC 9728)
served at \`/.well-known/oauth-protected-resource/mcp\` (and at \`/.well-known/oauth-protected-resource\`). It names
the identity provider as the authorization server and lists the scopes the tools need.

Tools declare \`scopes\` (all required) and \`roles\` (any one suffices). A caller only sees, in \`tools/list\`, the
tools it qualifies for; calling one it lacks a scope for is answered with \`403\` and
\`WWW-Authenticate: Bearer error="insufficient_scope", scope="…"\`, so the client can ask for a token with more
scopes; a missing role is a \`403\` too. The \`whoami\` tool shows what the server made of the caller's token.

Over stdio nothing is authenticated: the caller is the local user who started the process.

Set \`PUBLIC_URL\` to the address clients use (e.g. \`https://mcp.example.com\`): tokens must be issued for
\`https://mcp.example.com/mcp\`. \`/readyz\` reports not ready until the signing keys have been fetched.`;

export const GENERIC_OIDC_README = `Callers' tokens come from any OpenID Connect provider. Set \`OIDC_ISSUER\` to its issuer URL, exactly as tokens carry
it in \`iss\`; the server reads \`<OIDC_ISSUER>/.well-known/openid-configuration\` and the signing keys it names.

The identity is read from the token: subject from \`sub\`, client from \`client_id\` (or \`azp\`), scopes from \`scope\`
(space-separated) or \`scp\` (string or list), roles from the claim named by \`OIDC_ROLES_CLAIM\` (default \`roles\`; a
dotted path such as \`realm_access.roles\` reaches into objects), tenant from the claim named by \`OIDC_TENANT_CLAIM\`
(e.g. \`tid\`), if set.

The provider must put this server's canonical URL (\`PUBLIC_URL\` + \`/mcp\`) in the tokens' audience: providers that
support resource indicators (RFC 8707) do it from the \`resource\` parameter MCP clients send; others need an audience
or API setting for this server (or set \`AUTH_AUDIENCE\` to the audience they issue).`;

export const KEYCLOAK_README = `Callers' tokens come from one Keycloak realm. Set \`KEYCLOAK_URL\` (e.g. \`https://sso.example.com\`, the public
address Keycloak puts in its tokens), \`KEYCLOAK_REALM\` and \`KEYCLOAK_CLIENT_ID\`. The issuer is
\`<KEYCLOAK_URL>/realms/<KEYCLOAK_REALM>\`; signing keys come from its discovery document. Roles are the realm roles
(\`realm_access.roles\`) plus this server's client roles (\`resource_access.<KEYCLOAK_CLIENT_ID>.roles\`); scopes come
from \`scope\`; the tenant is the caller's organisation (Keycloak Organizations, \`organization\` claim) when the token
names exactly one.

Keycloak ignores the \`resource\` parameter MCP clients send, so tokens only carry this server as their audience
once you add an audience mapper. In the admin console (Keycloak 24 or later):

1. **Realm**: open the realm list (top left) → *Create realm* → enter the name (\`KEYCLOAK_REALM\`) → *Create*.
2. **This server's client** (it holds the client roles): *Clients* → *Create client* → type *OpenID Connect*,
   *Client ID* = \`KEYCLOAK_CLIENT_ID\` (e.g. \`mcp-server\`) → *Next* → turn *Standard flow* and *Direct access grants*
   off (the server never signs anyone in) → *Next* → *Save*.
3. **The calling clients** (each MCP client application or machine job): *Clients* → *Create client*, e.g.
   \`reporting-job\` with *Client authentication* on and *Service accounts roles* on for a machine client, or a public
   client with *Standard flow* and the client's redirect URIs for an interactive MCP host.
4. **Audience mapper** on each calling client: *Clients* → the calling client → *Client scopes* tab →
   \`<client>-dedicated\` → *Configure a new mapper* (or *Add mapper* → *By configuration*) → *Audience* →
   *Name* \`mcp-audience\`, *Included Custom Audience* = this server's canonical URL (\`PUBLIC_URL\` + \`/mcp\`, e.g.
   \`https://mcp.example.com/mcp\`), *Add to access token* on → *Save*. To share it, create it once under
   *Client scopes* → *Create client scope* (type *Default*) → *Mappers* → *Configure a new mapper* → *Audience*, and
   add that client scope to each calling client.
5. **Scopes** the tools declare (e.g. \`reports:read\`): *Client scopes* → *Create client scope* with that name,
   type *Optional*, *Include in token scope* on → *Save*; then on each calling client, *Client scopes* →
   *Add client scope* → select it → *Add* → *Optional*. Clients then ask for it in the \`scope\` parameter.
6. **Roles** the tools declare: realm-wide under *Realm roles* → *Create role*, or for this server only under
   *Clients* → \`mcp-server\` → *Roles* → *Create role*. Grant them to people under *Users* → the user →
   *Role mapping* → *Assign role*, and to machine clients under *Clients* → the client → *Service accounts roles*
   → *Assign role*.

Check a token with the \`whoami\` tool: it shows the subject, client, scopes and roles the server read from it.`;
