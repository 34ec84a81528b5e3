/**
 * README sections the option values contribute to a generated project (Markdown, inserted as
 * written). Kept apart from the manifests so the manifests stay readable as data.
 */

export const JWT_AUTH_README = `Every HTTP request to \`/mcp\` needs an OAuth access token in the \`Authorization: Bearer …\` header. The server is
an OAuth 2.1 resource server: it never issues tokens itself, it verifies the JWTs your identity provider issues.

A token is accepted when it is signed by one of the identity provider's published keys (fetched from its
discovery document, cached, fetched again at most once per \`AUTH_JWKS_COOLDOWN_SECONDS\` when a token names an
unknown key), with an algorithm from \`AUTH_ALGORITHMS\` (asymmetric only), its \`iss\` is exactly the provider's
issuer, its \`aud\` names this server (\`AUTH_AUDIENCE\`, else the audience the upstream preset names, else the
canonical URL \`PUBLIC_URL\` + \`/mcp\`), it has an \`exp\` in the future and no \`nbf\` in the future (both with
\`AUTH_CLOCK_SKEW_SECONDS\` of tolerance), and, when \`AUTH_ALLOWED_TENANTS\` is set, its tenant is listed.
Tokens in the URL (\`?access_token=\`) are refused.

Clients find out where to get a token on their own: a request without a valid token is answered with \`401\` and
\`WWW-Authenticate: Bearer resource_metadata="…", scope="…"\`, pointing at the protected-resource metadata (RFC 9728)
served at \`/.well-known/oauth-protected-resource/mcp\` (and at \`/.well-known/oauth-protected-resource\`). It names
the identity provider's authorization server and lists the scopes the tools need.

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

export const INTROSPECTION_AUTH_README = `Every request to \`/mcp\` must carry \`Authorization: Bearer <token>\`, where the token is an opaque access
token from the identity provider. The server does not read the token itself: it asks the provider's
token introspection endpoint (RFC 7662) whether the token is active, authenticating as its own client
(\`AUTH_CLIENT_ID\` / \`AUTH_CLIENT_SECRET\`, HTTP Basic). The endpoint is \`introspection_endpoint\` from the
provider's discovery document unless \`AUTH_INTROSPECTION_ENDPOINT\` names it.

A token is accepted when the provider says \`active: true\`, its \`aud\` contains this server's resource URL
(\`AUTH_AUDIENCE\`, else the preset's audience, else \`PUBLIC_URL\` + \`/mcp\`), its \`iss\` (when present) is the configured issuer, and \`exp\`/\`nbf\`
hold within \`AUTH_CLOCK_SKEW_SECONDS\`. Its claims are mapped to the caller's subject, scopes, roles and tenant
by the upstream preset, exactly as for JWTs, so per-tool \`scopes\`/\`roles\` and \`AUTH_ALLOWED_TENANTS\` work the
same way.

Answers are cached in the configured storage backend under the SHA-256 of the token (the token itself is
never stored) until the token expires, and at most \`AUTH_INTROSPECTION_CACHE_SECONDS\` (default 60). A token
revoked at the provider therefore stays usable here for at most that long; set it to \`0\` to ask the provider
on every request. With a shared backend (Redis, Postgres) all replicas share the cache.

| Situation | Answer |
| --- | --- |
| No token | 401 with \`WWW-Authenticate: Bearer resource_metadata=…, scope=…\` |
| Inactive, revoked, unknown, wrong audience or issuer, foreign tenant | 401 \`invalid_token\` |
| Token in the query string (\`?access_token=\`) | 400 \`invalid_request\` |
| Provider unreachable, or it refuses this server's client credentials | 503 (the caller is not at fault) |
| Tool needs a scope/role the caller lacks | 403 (\`insufficient_scope\` for scopes) |

Protected-resource metadata (RFC 9728) is served at \`/.well-known/oauth-protected-resource/mcp\` and at
\`/.well-known/oauth-protected-resource\`. \`/readyz\` reports not ready until the introspection endpoint is known.

Identity provider set-up: register a confidential client for this server that may introspect tokens
(Keycloak: a confidential client with client authentication on; its id and secret go into \`AUTH_CLIENT_ID\`
and \`AUTH_CLIENT_SECRET\`), and make sure access tokens for this server carry its resource URL as audience
(Keycloak: an audience mapper).`;

export const GATEWAY_AUTH_README = `For deployments where an API gateway (Azure API Management, Istio, Envoy, Kong…) authenticates callers
before they reach this server. The server never trusts bare identity headers: whatever the gateway
forwards must be proven, in one of two ways chosen with \`GATEWAY_MODE\`.

**\`GATEWAY_MODE=jwt\` (default).** The gateway forwards the caller's access token (or a JWT it mints itself,
when \`GATEWAY_JWT_ISSUER\` names the gateway's issuer; its keys come from \`GATEWAY_JWKS_URI\` or the issuer's
discovery document) in \`GATEWAY_JWT_HEADER\` (default \`authorization\`, as \`Bearer <jwt>\`; another
header may hold the bare JWT or \`Bearer <jwt>\`). The server verifies it exactly as the \`jwt\` strategy does:
signature against the provider's published keys, issuer, audience (as for \`jwt\`),
asymmetric algorithms from \`AUTH_ALGORITHMS\` only, expiry with \`AUTH_CLOCK_SKEW_SECONDS\`. Identity comes from
the verified token only; \`x-forwarded-*\` headers are ignored in this mode. Envoy: keep the original token
(\`forward: true\` in \`jwt_authn\`) rather than forwarding only its payload. Istio: set
\`forwardOriginalToken: true\` in the \`RequestAuthentication\` JWT rule, or Istio drops the token after checking it.

**\`GATEWAY_MODE=hmac\`.** The gateway sets identity headers and signs them with a secret shared with this
server (\`GATEWAY_HMAC_SECRET\`, at least 32 characters, e.g. \`openssl rand -base64 48\`):

| Header | Content |
| --- | --- |
| \`x-forwarded-user\` | the caller's subject (required) |
| \`x-forwarded-scopes\` | scopes, separated by spaces or commas |
| \`x-forwarded-roles\` | roles, separated by spaces or commas |
| \`x-forwarded-tenant\` | the caller's tenant (optional) |
| \`x-forwarded-timestamp\` | Unix time in seconds when the gateway signed |
| \`x-gateway-signature\` | base64url (no padding) HMAC-SHA256 of the canonical string below |

The canonical string is the line \`mcp-gateway-identity-v1\`, then one line \`name:value\` for each of the five
identity headers in the order above (an absent header has an empty value), joined with \`\\n\`, no trailing
newline:

\`\`\`text
mcp-gateway-identity-v1
x-forwarded-user:alice
x-forwarded-scopes:reports:read
x-forwarded-roles:auditor
x-forwarded-tenant:acme
x-forwarded-timestamp:1767225600
\`\`\`

The signature is compared in constant time; the timestamp must be within \`GATEWAY_MAX_SKEW_SECONDS\`
(default 60) of this server's clock. Identity headers without a signature, a wrong or malformed signature, any
header changed or added after signing, or a stale timestamp are answered with 401 \`invalid_token\`. A signed
request can be replayed within the skew window, so keep the window short and the gateway-to-server hop on a
private, encrypted network; the gateway must also remove any \`x-forwarded-*\` and \`x-gateway-signature\`
headers that callers send before it sets its own.

In both modes per-tool scopes and roles and \`AUTH_ALLOWED_TENANTS\` apply, requests without credentials get
a 401 whose \`WWW-Authenticate\` points at the protected-resource metadata (served at
\`/.well-known/oauth-protected-resource/mcp\` and \`/.well-known/oauth-protected-resource\`, naming the identity
provider as authorization server), and a token in the query string is refused with 400. Only the gateway
should be able to reach this server: keep it on a network the gateway alone can reach.`;


export const ENTRA_README = `Callers' tokens come from Microsoft Entra ID (v2 endpoints). Set \`ENTRA_TENANT_ID\` (the directory ID) and
\`ENTRA_CLIENT_ID\` (this server's application ID). Tokens must be v2 tokens: issuer
\`https://login.microsoftonline.com/<tenant>/v2.0\`, audience the application ID. The subject is the caller's object
ID (\`oid\`), the client is \`azp\`, delegated scopes come from \`scp\`, app roles and application permissions from
\`roles\`, the tenant from \`tid\`. National clouds: set \`ENTRA_AUTHORITY_HOST\` (e.g. \`https://login.microsoftonline.us\`).

Entra does not read the \`resource\` parameter: clients ask for \`<Application ID URI>/<scope>\`, so the protected-resource
metadata and challenges advertise the tools' scopes in that form (\`api://<ENTRA_CLIENT_ID>/<scope>\` unless
\`ENTRA_APP_ID_URI\` names another URI). Entra offers neither dynamic client registration nor client ID metadata
documents: every MCP host needs a client registered in the tenant.

In the Microsoft Entra admin center:

1. **Register this server**: *Identity* → *Applications* → *App registrations* → *New registration*. *Supported account
   types*: *Accounts in this organizational directory only* (single tenant; \`ENTRA_TENANT_ID\` = the *Directory (tenant)
   ID*), or *Accounts in any organizational directory* (multi-tenant; set \`ENTRA_TENANT_ID=organizations\` and list the
   tenants this server serves in \`AUTH_ALLOWED_TENANTS\`, which the server then requires). *Register*, and copy the
   *Application (client) ID* into \`ENTRA_CLIENT_ID\`.
2. **v2 access tokens**: the app → *Manifest* → set \`"requestedAccessTokenVersion": 2\` (under \`api\`) → *Save*.
   Without it Entra issues v1 tokens (issuer \`https://sts.windows.net/<tenant>/\`), which this server refuses.
3. **Scopes**: *Expose an API* → *Application ID URI* → *Add* (keep \`api://<client id>\`, or set \`ENTRA_APP_ID_URI\` to
   the URI you choose) → *Save*; then *Add a scope* for each scope the tools declare (*Scope name* = the scope, e.g.
   \`reports.read\`; *Who can consent*: admins and users) → *Add scope*.
4. **Roles**: *App roles* → *Create app role* for each role the tools declare (*Value* = the role; *Allowed member
   types*: *Users/Groups* for people, *Applications* for machine clients). Assign people under *Enterprise
   applications* → this app → *Users and groups* → *Add user/group*.
5. **Calling clients** (each MCP host or job): register an app; *API permissions* → *Add a permission* → *My APIs* →
   this server → *Delegated permissions* (scopes, for people) or *Application permissions* (roles, for machine
   clients) → *Add permissions* → *Grant admin consent*. Machine clients use the client credentials grant with scope
   \`api://<ENTRA_CLIENT_ID>/.default\`.

Check a token with the \`whoami\` tool: it shows the subject, client, tenant, scopes and roles the server read from it.`;

export const SCALEKIT_README = `Scalekit is the authorization server MCP clients sign in with. Set \`SCALEKIT_ENVIRONMENT_URL\` (e.g.
\`https://acme.scalekit.com\`) and \`SCALEKIT_RESOURCE_ID\` (the ID Scalekit gave this MCP server, \`res_…\`). The
protected-resource metadata sends clients to \`<environment>/resources/<resource id>\`; tokens are verified against the
environment's keys (\`<environment>/keys\`, or \`SCALEKIT_JWKS_URL\`) with the environment URL as issuer and the resource
ID as audience. The subject is \`sub\`, the client \`client_id\`, scopes come from \`scope\`, roles from \`roles\`, and
the tenant is the caller's organization ID (\`oid\`, \`org_…\`), which \`AUTH_ALLOWED_TENANTS\` can restrict.

In the Scalekit dashboard:

1. **Register this server**: *MCP servers* → *Add MCP server*. Give it the name people see on the consent screen,
   and set its server URL to this server's canonical URL (\`PUBLIC_URL\` + \`/mcp\`, e.g. \`https://mcp.example.com/mcp\`).
   Turn on dynamic client registration and client ID metadata documents so MCP hosts (Claude, Cursor, VS Code, the
   MCP Inspector) can register themselves. Save, and copy the resource ID into \`SCALEKIT_RESOURCE_ID\`.
2. **Scopes**: on the MCP server, add each scope the tools declare (e.g. \`reports:read\`), with the description people
   see when they consent.
3. **Environment**: *Settings* → *API credentials* → copy the *Environment URL* into \`SCALEKIT_ENVIRONMENT_URL\`.
4. **Roles**, if tools declare any: define them under *Roles & permissions* and assign them to organization members;
   tokens carry them in \`roles\`.

Check a token with the \`whoami\` tool: it shows the subject, client, tenant, scopes and roles the server read from it.`;
