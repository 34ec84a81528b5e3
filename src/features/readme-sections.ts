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
Tokens in the URL (\`?access_token=\`) are refused, and so is a request with two \`Authorization\` headers
(400 \`invalid_request\`: a proxy in front might act on the other one).

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
5. **Scopes** the tools declare (\`api:write\` and \`api:delete\` for the \`api_*\` tools that change data, and any of
   your own): *Client scopes* → *Create client scope* with that name, type *Optional*, *Include in token scope* on
   → *Save*; then on each calling client, *Client scopes* → *Add client scope* → select it → *Add* → *Optional*.
   Clients then ask for it in the \`scope\` parameter.
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
| Two \`Authorization\` headers | 400 \`invalid_request\` |
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

**\`GATEWAY_MODE=hmac\`.** The gateway signs every request it forwards with a secret shared with this server
(\`GATEWAY_HMAC_SECRET\`, at least 32 characters, e.g. \`openssl rand -base64 48\`): who the caller is, and also
the method, path, query and body, so a signature is good for one request only. It sets:

| Header | Content |
| --- | --- |
| \`x-forwarded-user\` | the caller's subject (required) |
| \`x-forwarded-scopes\` | scopes, separated by spaces or commas |
| \`x-forwarded-roles\` | roles, separated by spaces or commas |
| \`x-forwarded-tenant\` | the caller's tenant (optional) |
| \`x-forwarded-timestamp\` | Unix time in seconds when the gateway signed |
| \`x-gateway-nonce\` | a value the gateway never sends twice: 16 to 128 letters, digits, \`-\` or \`_\` (a random UUID will do) |
| \`content-digest\` | \`sha-256=:<base64 SHA-256 of the body>:\` (RFC 9530), over the exact bytes forwarded; without a body, the digest of the empty body, \`sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:\` |
| \`x-gateway-signature\` | base64url (no padding) HMAC-SHA256, keyed with the secret, of the canonical string below |

The canonical string is these lines joined with \`\\n\`, no trailing newline:

1. \`mcp-gateway-request-v2\`;
2. the method, e.g. \`POST\`;
3. the path and query exactly as this server receives them on the request line, e.g. \`/mcp\` (if the gateway
   rewrites the path, the rewritten one; no scheme, no host);
4. one line \`name:value\` for each of \`x-forwarded-user\`, \`x-forwarded-scopes\`, \`x-forwarded-roles\`,
   \`x-forwarded-tenant\`, \`x-forwarded-timestamp\`, \`x-gateway-nonce\` and \`content-digest\`, in this order, with the
   value exactly as sent (an absent header has an empty value).

For the body \`{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}\`:

\`\`\`text
mcp-gateway-request-v2
POST
/mcp
x-forwarded-user:alice
x-forwarded-scopes:reports:read
x-forwarded-roles:auditor
x-forwarded-tenant:acme
x-forwarded-timestamp:1767225600
x-gateway-nonce:0b6f3c8e-5a1d-4c2e-9f7a-2d4e6b8c0a1f
content-digest:sha-256=:F7Dk/oiY0Pe2aN0UN9MHgmbo0XC8SQ67sBLiu7zXuRM=:
\`\`\`

With the secret \`an-example-secret-of-at-least-32-characters\` its signature is
\`-rRtUr8Nox0eO50OCS5sxW0q0IYPkwweKjcSEC6mfW4\`: a gateway implementation can check itself against it. In Azure
API Management a policy expression builds it from \`context.Request.Method\`, the forwarded URL, the body read with
\`context.Request.Body.As<byte[]>(preserveContent: true)\`, \`Guid.NewGuid()\`, \`SHA256\` and \`HMACSHA256\`; with Envoy,
an \`ext_authz\` service or a Wasm filter does it.

The server checks the signature in constant time and the timestamp against \`GATEWAY_MAX_SKEW_SECONDS\` (default
60) of its clock before it reads the body; then the body against the signed digest; then that the nonce is new.
Nonces are remembered in the server's store for as long as their timestamp is accepted, so a captured request
is refused the second time it arrives, and with a store the replicas share, whichever replica it reaches
(the \`memory\` store remembers per replica). Identity headers without a signature, a wrong or malformed
signature, any signed header, the method, path, query or body changed after signing, a stale timestamp, or a
nonce already used are answered with 401 \`invalid_token\`; any of these headers sent twice, with 400
\`invalid_request\`. The gateway must remove any \`x-forwarded-*\`, \`x-gateway-*\` and \`content-digest\` headers
that callers send before it sets its own.

In both modes per-tool scopes and roles and \`AUTH_ALLOWED_TENANTS\` apply, requests without credentials get
a 401 whose \`WWW-Authenticate\` points at the protected-resource metadata (served at
\`/.well-known/oauth-protected-resource/mcp\` and \`/.well-known/oauth-protected-resource\`, naming the identity
provider as authorization server), and a token in the query string, or the header carrying the JWT sent twice,
is refused with 400. Only the gateway should be able to reach this server: keep it on a network the gateway
alone can reach.`;


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
   \`api:write\` and \`api:delete\` for the \`api_*\` tools that change data; *Who can consent*: admins and users, or
   admins only for scopes that change data) → *Add scope*.
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
2. **Scopes**: on the MCP server, add each scope the tools declare (\`api:write\` and \`api:delete\` for the \`api_*\` tools
   that change data, and any of your own), with the description people see when they consent.
3. **Environment**: *Settings* → *API credentials* → copy the *Environment URL* into \`SCALEKIT_ENVIRONMENT_URL\`.
4. **Roles**, if tools declare any: define them under *Roles & permissions* and assign them to organization members;
   tokens carry them in \`roles\`.

Check a token with the \`whoami\` tool: it shows the subject, client, tenant, scopes and roles the server read from it.`;

export const NETSUITE_README = `This server fronts an Oracle NetSuite account through its REST web services. It offers five tools:

| Tool | What it does | Hints | Scope |
| --- | --- | --- | --- |
| \`netsuite_get_record\` | Reads one record by type and ID (internal ID such as \`1234\`, or external ID written \`eid:CUST-0001\`), optionally only some fields, optionally with sublists and subrecords expanded | read-only | |
| \`netsuite_create_record\` | Creates a record and returns its internal ID | | \`netsuite:write\` |
| \`netsuite_update_record\` | Changes the given fields of a record (HTTP \`PATCH\`); fields left out keep their values | destructive | \`netsuite:write\` |
| \`netsuite_delete_record\` | Deletes a record | destructive | \`netsuite:delete\` |
| \`netsuite_suiteql\` | Runs a read-only SuiteQL query and returns one page of rows (\`limit\` 1 to 1000, \`offset\`, \`hasMore\`, \`nextOffset\`). Only a single \`SELECT\` statement (or \`WITH … SELECT\`) is sent: anything else, a semicolon, or a writing keyword such as \`DELETE\`, \`UPDATE\` or \`FOR UPDATE\` outside quotes and comments is refused with \`query_not_read_only\` before it reaches NetSuite | read-only | |

**Who may call which tool.** With a token-verifying auth strategy (\`jwt\`, \`introspection\`, \`gateway\`), the tools that change data need a scope in the caller's token: \`netsuite:write\` to create and update records, \`netsuite:delete\` to delete them. The read tools (\`netsuite_get_record\`, \`netsuite_suiteql\`) are open to every authenticated caller: the integration role decides what they can see, and SuiteQL only reads. A caller without the scope does not see the tool in \`tools/list\`, and calling it is answered with \`403\` \`insufficient_scope\`. Create the two scopes at the identity provider and grant them only to callers that may change NetSuite data. To change what a tool requires, edit \`scopes\` in its file under \`src/tools/\` (for instance add \`netsuite:read\` to the read tools) and the table in \`tests/tools/netsuite-access.test.ts\`. Over stdio and with \`auth none\` nothing is enforced: whoever reaches the server may call every tool.

How it reaches NetSuite:

- **One service identity.** The server signs in to NetSuite with the OAuth 2.0 client credentials (machine-to-machine) flow: it signs a short-lived JWT with the private key of a certificate you upload to NetSuite, and exchanges it for an access token at \`https://<account>.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token\`. Every MCP caller's request reaches NetSuite as the entity and role mapped to that certificate, so that role decides what the tools can see and change. Restrict who may call which tool with the server's own authentication (tool scopes and roles); the MCP caller's own token is never sent to NetSuite.
- **Tokens.** NetSuite's access tokens live 60 minutes. The server keeps one, replaces it shortly before it expires (\`UPSTREAM_TOKEN_REFRESH_BEFORE_SECONDS\`), and requests a fresh one at once if NetSuite refuses it. Concurrent tool calls share a single token request.
- **Failures.** Reads, SuiteQL queries and deletes are retried on 429, 502, 503, 504, network errors and timeouts, with exponential backoff that honours \`Retry-After\` (the \`UPSTREAM_*\` settings). Creates and updates are sent once: NetSuite honours idempotency keys (\`X-NetSuite-Idempotency-Key\`) only for asynchronous requests, so repeating a synchronous create could create the record twice. After several failures in a row, calls fail fast for a while (\`UPSTREAM_BREAKER_*\`) instead of piling onto an account that is down.
- **Errors.** NetSuite's error details become tool errors with a stable \`code\` in the result's \`_meta["enterprise-mcp/error"]\`: \`upstream_validation\` (400, with \`fields\` naming each refused field from \`o:errorPath\`), \`upstream_auth\` (401, or the token endpoint refused the credentials), \`upstream_permission\` (403: the role lacks a permission), \`upstream_not_found\` (404), \`upstream_rate_limited\` (429 after the retries, with \`retryAfterMs\`), \`upstream_unavailable\` (5xx, timeout, network, circuit open) and \`upstream_unknown\`. \`upstreamCode\` carries NetSuite's \`o:errorCode\` (e.g. \`NONEXISTENT_ID\`, \`USER_ERROR\`, \`INSUFFICIENT_PERMISSION\`).
- **Missing settings.** Without the NetSuite settings the server still starts (and logs a warning); each NetSuite tool answers with the error code \`upstream_not_configured\`, listing what is missing.
- **Field names.** The record tools use field IDs as the REST API Browser shows them (\`companyName\`, \`subsidiary\`, custom fields such as \`custentity_region\`); select fields take \`{"id": "<internal ID>"}\`. SuiteQL returns column names in lower case (\`companyname\`).

### Settings

| Variable | Required | Meaning |
| --- | --- | --- |
| \`NETSUITE_ACCOUNT_ID\` | yes, unless \`NETSUITE_REST_URL\` is set | Account ID from Setup > Company > Company Information, e.g. \`1234567\`, a sandbox \`1234567_SB1\`, a test drive \`TSTDRV1234567\`. Any case; \`1234567-sb1\` is read as \`1234567_SB1\`. The REST host is derived from it: \`1234567_SB1\` becomes \`https://1234567-sb1.suitetalk.api.netsuite.com\`. |
| \`NETSUITE_CLIENT_ID\` | yes | Client ID of the integration record. The client secret is not used by this flow. |
| \`NETSUITE_CERTIFICATE_ID\` | yes | Certificate ID that NetSuite shows for the uploaded certificate under Setup > Integration > Manage Authentication > OAuth 2.0 Client Credentials (M2M) Setup. |
| \`NETSUITE_PRIVATE_KEY\` | yes (secret) | Unencrypted PEM private key of that certificate (\`-----BEGIN PRIVATE KEY-----\`, or the \`RSA PRIVATE KEY\` / \`EC PRIVATE KEY\` forms). Where a value must fit on one line, write the line breaks as \`\\n\`. Keep it in a secret store, never in the repository. |
| \`NETSUITE_SIGNING_ALGORITHM\` | no (default \`PS256\`) | \`PS256\` for an RSA certificate, \`ES256\` for an EC P-256 certificate. The server refuses a key that does not match. |
| \`NETSUITE_SCOPES\` | no (default \`rest_webservices\`) | Scopes requested for the access token, comma-separated: \`rest_webservices\` (required by the tools), \`restlets\`, \`suite_analytics\`. Each must also be enabled on the integration record. |
| \`NETSUITE_REST_URL\` | no | Overrides the REST base URL derived from the account ID (e.g. to pass through an egress proxy). Tests point it at a fake NetSuite. |

The token endpoint is \`<REST base URL>/services/rest/auth/oauth2/v1/token\`; the client assertion names it as its audience.

### Setting up NetSuite

You need an administrator, or a role with the OAuth 2.0 Authorized Applications Management permission for the mapping step. Do the set-up in each account separately: it is not copied from production to sandboxes or Release Preview, and refreshing a sandbox clears it.

1. **Enable the features.** Setup > Company > Enable Features > SuiteCloud subtab: under SuiteTalk (Web Services) check **REST Web Services**; under Manage Authentication check **OAuth 2.0**. Accept the terms and save.

2. **Create a role for the server.** Setup > Users/Roles > Manage Roles > New (or customize an existing role). Name it, e.g., \`MCP Server\`, and check **Web Services Only Role** so nobody can sign in to the UI with it. On the Permissions subtabs add:
   - Setup: **REST Web Services** (Full) and **Log in using OAuth 2.0 Access Tokens** (Full).
   - Reports: **SuiteAnalytics Workbook**: SuiteQL needs it.
   - Lists and Transactions: the records the tools may use, at the level they need, e.g. Customers (View to read, Edit to create and update, Full to delete), Items (View), Find Transaction (View), Sales Order (Create or Edit). Add custom record types under Custom Record on the role, or through the permissions of the custom record type.
   - Check the role's subsidiary restrictions in OneWorld accounts: records outside the role's subsidiaries are invisible to it.

   Save, then give the role to the employee the server will act as: Lists > Employees > (employee) > Edit > Access subtab > Roles. A dedicated integration employee keeps the system notes and login audit trail readable.

3. **Create the integration record.** Setup > Integration > Manage Integrations > New. Name it (e.g. \`MCP Server\`), State **Enabled**. On the Authentication subtab clear **Token-Based Authentication** and **TBA: Authorization Flow**; under OAuth 2.0 clear **Authorization Code Grant**, check **Client Credentials (Machine to Machine) Grant**, and under Scope check **REST Web Services** (plus RESTlets if you set \`restlets\` in \`NETSUITE_SCOPES\`). Save. NetSuite shows the Client ID and Client Secret once: copy the **Client ID** into \`NETSUITE_CLIENT_ID\` (the secret is not needed).

4. **Create a certificate.** NetSuite accepts RSA keys of 3072 or 4096 bits (sign with PS256) and EC keys on P-256 (sign with ES256); certificates are valid for at most two years.

   PS256 (RSA):

   \`\`\`sh
   openssl req -new -x509 -newkey rsa:4096 -sha256 -nodes -days 730 \\
     -subj "/CN=mcp-server" -keyout netsuite-private.pem -out netsuite-public.pem
   \`\`\`

   ES256 (EC P-256), then set \`NETSUITE_SIGNING_ALGORITHM=ES256\`:

   \`\`\`sh
   openssl req -new -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -sha256 -nodes -days 730 \\
     -subj "/CN=mcp-server" -keyout netsuite-private.pem -out netsuite-public.pem
   \`\`\`

   \`netsuite-public.pem\` (the certificate) goes to NetSuite; \`netsuite-private.pem\` goes into \`NETSUITE_PRIVATE_KEY\`. To put it on one line: \`awk '{printf "%s\\\\n", $0}' netsuite-private.pem\`.

5. **Map the certificate.** Setup > Integration > Manage Authentication > OAuth 2.0 Client Credentials (M2M) Setup > **Create New**. Choose the **Entity** (the employee from step 2), the **Role** (from step 2) and the **Application** (the integration record from step 3; it is listed only once its Client Credentials grant is checked), upload \`netsuite-public.pem\`, and save. Copy the **Certificate ID** of the new mapping into \`NETSUITE_CERTIFICATE_ID\`.

6. **Configure and check.** Set \`NETSUITE_ACCOUNT_ID\` (Setup > Company > Company Information > Account ID), \`NETSUITE_CLIENT_ID\`, \`NETSUITE_CERTIFICATE_ID\` and \`NETSUITE_PRIVATE_KEY\`, start the server, and call \`netsuite_suiteql\` with \`SELECT id, companyname FROM customer ORDER BY id\`. An answer with rows means the token flow, the role and SuiteQL all work.

If something fails:

- \`upstream_auth\` from the token endpoint with \`invalid_client\` or \`invalid_grant\`: the client ID, certificate ID, private key or algorithm do not match the mapping, or the certificate was revoked or has expired. Setup > Users/Roles > User Management > View Login Audit Trail shows NetSuite's reason for each refused login.
- \`upstream_auth\` on API calls (HTTP 401 that a fresh token does not cure): the role lacks **Log in using OAuth 2.0 Access Tokens** or **REST Web Services**, or the employee no longer has the role.
- \`upstream_permission\` (403): the role lacks the permission for that record type or operation; SuiteQL returns only rows the role may see.

**Rotating the certificate:** create a new certificate and a new mapping for the same entity, role and application, switch \`NETSUITE_CERTIFICATE_ID\` and \`NETSUITE_PRIVATE_KEY\` together, restart, then revoke the old mapping (the Revoke button on the M2M Setup page).`;

export const SALESFORCE_README = `This server fronts a Salesforce org through its REST API. It offers six tools:

| Tool | What it does | Hints | Scope |
| --- | --- | --- | --- |
| \`salesforce_get_record\` | Reads one record of any sObject by its 15- or 18-character ID, optionally only some fields | read-only | |
| \`salesforce_create_record\` | Creates a record and returns its ID; with \`external_id\` (\`{ "field": "External_Id__c", "value": "ERP-42" }\`) it upserts instead, so repeating the call never creates a second record | | \`salesforce:write\` |
| \`salesforce_update_record\` | Changes the given fields of a record; fields left out keep their values | destructive | \`salesforce:write\` |
| \`salesforce_delete_record\` | Deletes a record (it goes to the recycle bin) | destructive | \`salesforce:delete\` |
| \`salesforce_soql\` | Runs a SOQL query and returns one page of up to 2,000 records; pass the returned \`nextCursor\` back as \`cursor\` for the next page. Only a plain \`SELECT\` is sent: anything else, a semicolon, and the clauses that change state (\`FOR UPDATE\`, \`FOR VIEW\`, \`FOR REFERENCE\`, \`UPDATE TRACKING\`, \`UPDATE VIEWSTAT\`) are refused with \`query_not_read_only\` before they reach Salesforce | read-only | |
| \`salesforce_describe\` | Lists the org's objects (\`filter\` narrows them), or describes one object: its fields with types, which ones a new record requires, picklist values, lookups and child relationships | read-only | |

**Who may call which tool.** With a token-verifying auth strategy (\`jwt\`, \`introspection\`, \`gateway\`), the tools that change data need a scope in the caller's token: \`salesforce:write\` to create (or upsert) and update records, \`salesforce:delete\` to delete them. The read tools (\`salesforce_get_record\`, \`salesforce_soql\`, \`salesforce_describe\`) are open to every authenticated caller: the integration user's permissions decide what they can see, and SOQL only reads. A caller without the scope does not see the tool in \`tools/list\`, and calling it is answered with \`403\` \`insufficient_scope\`. Create the two scopes at the identity provider and grant them only to callers that may change Salesforce data. To change what a tool requires, edit \`scopes\` in its file under \`src/tools/\` (for instance add \`salesforce:read\` to the read tools) and the table in \`tests/tools/salesforce-access.test.ts\`. Over stdio and with \`auth none\` nothing is enforced: whoever reaches the server may call every tool.

How it reaches Salesforce:

- **One integration user.** The server signs in to Salesforce with an external client app, using either the OAuth 2.0 client credentials flow (consumer key and secret; Salesforce issues the session for the app's *Run As* user) or the JWT bearer flow (a short-lived assertion signed with the private key of a certificate uploaded to the app, naming \`SALESFORCE_USERNAME\`). Every MCP caller's request reaches Salesforce as that one user, so its profile and permission sets, sharing rules and field-level security decide what the tools can see and change. Restrict who may call which tool with the server's own authentication (tool scopes and roles); the MCP caller's own token is never sent to Salesforce.
- **Where calls go.** The token answer names the org's instance (\`instance_url\`). All API calls go there, below \`/services/data/v<SALESFORCE_API_VERSION>/\`, and only over https. Tool input never changes the host or leaves that path: object and field names, record IDs and query cursors are checked before anything is sent, and every value becomes exactly one URL path segment.
- **Sessions.** Salesforce does not say how long a session lives (it follows the org's or the app's session timeout). The server keeps one session for all callers and uses it until Salesforce answers \`401\` with \`INVALID_SESSION_ID\`; it then fetches a new session once and repeats the call. Concurrent tool calls share a single token request.
- **Failures.** Reads, deletes, updates and upserts are retried on 429, 502, 503, 504, network errors and timeouts, with exponential backoff that honours \`Retry-After\` (the \`UPSTREAM_*\` settings): an update sets absolute values, and an upsert is keyed by its external ID, so sending either again changes nothing more. A create without \`external_id\` is sent once, since repeating it could create the record twice. After several failures in a row, calls fail fast for a while (\`UPSTREAM_BREAKER_*\`) instead of piling onto an org that is down.
- **Errors.** Salesforce's error lists (\`[{ "message", "errorCode", "fields" }]\`) become tool errors with a stable \`code\` in the result's \`_meta["enterprise-mcp/error"]\`; the \`errorCode\` decides, not only the HTTP status: \`upstream_validation\` (\`REQUIRED_FIELD_MISSING\`, \`INVALID_FIELD\`, \`MALFORMED_QUERY\`, \`INVALID_TYPE\`, \`FIELD_CUSTOM_VALIDATION_EXCEPTION\` and the like, with \`fields\` naming each field Salesforce named), \`upstream_auth\` (\`INVALID_SESSION_ID\` that a new session does not cure, or the token endpoint refused the credentials), \`upstream_permission\` (\`INSUFFICIENT_ACCESS*\`, \`API_DISABLED_FOR_ORG\`), \`upstream_not_found\` (\`NOT_FOUND\`, \`ENTITY_IS_DELETED\`), \`upstream_conflict\` (\`DUPLICATE_VALUE\`, \`DUPLICATES_DETECTED\`, \`ENTITY_IS_LOCKED\`, or an external ID value that matches several records), \`upstream_rate_limited\` (\`REQUEST_LIMIT_EXCEEDED\`: the org's 24-hour API request allowance is used up, which Salesforce reports as 403), \`upstream_unavailable\` (503 and other 5xx, timeout, network, circuit open) and \`upstream_unknown\`. \`upstreamCode\` carries Salesforce's \`errorCode\`, \`status\` the HTTP status.
- **Missing settings.** Without the Salesforce settings the server still starts (and logs a warning); each Salesforce tool answers with the error code \`upstream_not_configured\`, listing what is missing.
- **Names.** The tools take API names, not labels: \`Account\`, \`Invoice__c\`, \`AnnualRevenue\`, \`External_Id__c\`. \`salesforce_describe\` shows them. Query results and records come without Salesforce's \`attributes\` entries.

### Settings

| Variable | Required | Meaning |
| --- | --- | --- |
| \`SALESFORCE_LOGIN_URL\` | client credentials: yes | Where tokens are requested, without a path. The client credentials flow needs the org's My Domain URL, e.g. \`https://acme.my.salesforce.com\` or, for a sandbox, \`https://acme--uat.sandbox.my.salesforce.com\`: Salesforce refuses that flow on \`login.salesforce.com\` and \`test.salesforce.com\`. The JWT bearer flow also works with \`https://login.salesforce.com\` (production) or \`https://test.salesforce.com\` (sandboxes). The default is the URL given when the project was generated. |
| \`SALESFORCE_API_VERSION\` | no (default chosen at generation, e.g. \`66.0\`) | REST API version, e.g. \`66.0\` (a leading \`v\` is accepted). Every call uses it, so queries and records behave the same until you change it on purpose. |
| \`SALESFORCE_AUTH_FLOW\` | no (default \`client_credentials\`) | \`client_credentials\` or \`jwt_bearer\`. |
| \`SALESFORCE_CLIENT_ID\` | yes | Consumer key of the external client app. |
| \`SALESFORCE_CLIENT_SECRET\` | client credentials: yes (secret) | Consumer secret of the external client app. Not used by the JWT bearer flow. |
| \`SALESFORCE_USERNAME\` | JWT bearer: yes | Username of the integration user the server acts as, e.g. \`integration@acme.com\` (sandbox usernames carry the sandbox suffix, e.g. \`integration@acme.com.uat\`). |
| \`SALESFORCE_PRIVATE_KEY\` | JWT bearer: yes (secret) | Unencrypted RSA private key in PEM form (\`-----BEGIN PRIVATE KEY-----\` or \`-----BEGIN RSA PRIVATE KEY-----\`) whose certificate is uploaded to the external client app. Where a value must fit on one line, write the line breaks as \`\\n\`. Keep it in a secret store, never in the repository. |

The token endpoint is \`<SALESFORCE_LOGIN_URL>/services/oauth2/token\`. JWT bearer assertions are signed with RS256, live two minutes, carry \`iss\` = consumer key, \`sub\` = username and \`aud\` = \`https://test.salesforce.com\` for sandbox and scratch-org My Domains (\`*.sandbox.my.salesforce.com\`, \`*.scratch.my.salesforce.com\`) and for \`test.salesforce.com\`, \`https://login.salesforce.com\` otherwise.

### Setting up Salesforce

You need a Salesforce administrator (the *Create, edit, and delete External Client Apps* and *Manage Users* permissions). Do the set-up, or check it, in every org the server connects to, sandboxes included: each has its own My Domain, users and app settings.

1. **Find the My Domain URL.** Setup > Quick Find: *My Domain*. The page shows the *Current My Domain URL*, e.g. \`acme.my.salesforce.com\` (sandboxes: \`acme--uat.sandbox.my.salesforce.com\`). Put it, with \`https://\`, into \`SALESFORCE_LOGIN_URL\`.

2. **Prepare the integration user.** Create a dedicated user (Setup > Users > New User), ideally with the *Salesforce Integration* user license and the *Minimum Access - API Only Integrations* profile, or any profile with *API Enabled* and *API Only User*. Grant it exactly what the tools may do with a permission set: object permissions (Read, Create, Edit, Delete per object) and field-level security for the fields they use, plus *API Enabled* if the profile lacks it. The tools can never do more than this user.

3. **Create the external client app.** Setup > Quick Find: *External Client App Manager* > **New External Client App**. Give it a name (e.g. \`MCP Server\`), a contact email and Distribution State **Local**. Under **API (Enable OAuth Settings)** check **Enable OAuth**, enter any callback URL (e.g. \`https://login.salesforce.com/services/oauth2/success\`; neither flow uses it), and add the OAuth scope **Manage user data via APIs (api)**. No other scope is needed: the server never uses refresh tokens, so \`refresh_token, offline_access\` can stay off. Then, under **Flow Enablement**, enable the flow you chose:
   - **Client credentials:** check **Enable Client Credentials Flow** and accept the notice.
   - **JWT bearer:** check **Enable JWT Bearer Flow** and upload the certificate from step 4.

   Click **Create**. (Existing orgs may still use a connected app from Setup > App Manager instead; its OAuth settings and policies carry the same names.)

4. **JWT bearer only: create the key pair.** Salesforce checks the assertion with the certificate's RSA key:

   \`\`\`sh
   openssl req -x509 -newkey rsa:2048 -sha256 -nodes -days 730 \\
     -subj "/CN=mcp-server" -keyout salesforce-private.pem -out salesforce-certificate.crt
   \`\`\`

   \`salesforce-certificate.crt\` goes to the app (step 3); \`salesforce-private.pem\` goes into \`SALESFORCE_PRIVATE_KEY\`. To put it on one line: \`awk '{printf "%s\\\\n", $0}' salesforce-private.pem\`.

5. **Set the app's policies.** In the External Client App Manager open the app > **Policies** tab > **Edit**:
   - **Client credentials:** under **OAuth Flows and External Client App Enhancements**, check **Enable Client Credentials Flow** and set **Run As (Username)** to the integration user from step 2.
   - **JWT bearer:** under **Plugin Policies**, set **Permitted Users** to **Admin approved users are pre-authorized**; under **App Policies**, select the integration user's profile or, better, a permission set assigned only to that user. Salesforce refuses the assertion of any user who is not pre-authorized this way.

   If the integration user's profile restricts login IP ranges, add the server's outbound addresses to them (or relax IP restrictions for this app under **IP Relaxation**). Save.

6. **Copy the consumer key (and secret).** Open the app > **Settings** tab > **OAuth Settings** > **Consumer Key and Secret**; Salesforce asks for a verification code sent to your email. Copy the **Consumer Key** into \`SALESFORCE_CLIENT_ID\` and, for the client credentials flow, the **Consumer Secret** into \`SALESFORCE_CLIENT_SECRET\`. Changes to a new app can take a few minutes to reach every server of the org.

7. **Configure and check.** Set \`SALESFORCE_AUTH_FLOW\` and the settings of that flow, start the server, and call \`salesforce_soql\` with \`SELECT Id, Name FROM Account ORDER BY Name LIMIT 5\`. Records (or an empty page) mean the token flow, the user and the API all work.

If something fails:

- \`upstream_auth\` from the token endpoint with \`invalid_grant\` and "request not supported on this domain": the client credentials flow was pointed at \`login.salesforce.com\` or \`test.salesforce.com\`; use the My Domain URL.
- \`invalid_grant\` "no client credentials user enabled": the app's **Run As** user is not set (step 5).
- \`invalid_client_id\` "client identifier invalid" or \`invalid_client\` "invalid client credentials": the consumer key or secret is wrong, or the app is not yet active; wait a few minutes after creating it.
- \`invalid_grant\` "user hasn't approved this consumer": the JWT bearer user is not pre-authorized (step 5), or \`SALESFORCE_USERNAME\` is not that user's exact username. "invalid assertion": the private key does not belong to the uploaded certificate. Setup > Login History lists each refused sign-in with Salesforce's reason.
- \`upstream_permission\` with \`API_DISABLED_FOR_ORG\`: the org's edition has no API access, or the user lacks *API Enabled*. With \`INSUFFICIENT_ACCESS*\`: the user lacks the object permission, field-level security or record access for that operation.
- \`upstream_rate_limited\` with \`REQUEST_LIMIT_EXCEEDED\`: the org has used its daily API request allowance (Setup > System Overview shows it); calls succeed again as the rolling 24-hour window frees up.

**Rotating credentials:** for the client credentials flow, stage a new consumer secret (app > Settings > OAuth Settings), switch \`SALESFORCE_CLIENT_SECRET\`, restart, then remove the old secret. For the JWT bearer flow, upload the new certificate to the app, switch \`SALESFORCE_PRIVATE_KEY\` at the same time, and restart; sessions already issued keep working until they time out.`;

export const REST_API_README = `This server reaches a REST API organised as collections of items: \`GET <UPSTREAM_API_URL>/<collection>\` lists, \`POST <UPSTREAM_API_URL>/<collection>\` creates, and \`GET\`, \`PATCH\` and \`DELETE <UPSTREAM_API_URL>/<collection>/<id>\` read, change and delete one item. It offers five tools:

| Tool | What it does | Hints | Scope |
| --- | --- | --- | --- |
| \`api_get_item\` | Reads one item of a collection by its ID | read-only | |
| \`api_list_items\` | Lists one page of a collection (\`limit\` 1 to 100, default 20; \`offset\`), optionally with equality \`filters\` sent as query parameters (\`?status=open\`); returns \`items\`, \`total\` when the API reports it, and \`nextOffset\` while more items follow | read-only | |
| \`api_create_item\` | Creates an item from a JSON object of fields and returns it as the API stored it (and its \`location\`); an optional \`idempotency_key\` is sent as \`Idempotency-Key\` | | \`api:write\` |
| \`api_update_item\` | Changes the given fields of an item (HTTP \`PATCH\`, JSON body); fields left out keep their values | destructive | \`api:write\` |
| \`api_delete_item\` | Deletes an item | destructive | \`api:delete\` |

**Who may call which tool.** With a token-verifying auth strategy, the tools that change data need a scope in the caller's token: \`api:write\` to create and update items, \`api:delete\` to delete them. The read tools (\`api_get_item\`, \`api_list_items\`) are open to every authenticated caller: the REST API decides what this server's credentials may see. A caller without the scope does not see the tool in \`tools/list\`, and calling it is answered with \`403\` \`insufficient_scope\`. Create the two scopes at the identity provider (the preset's set-up steps below show where) and grant them only to callers that may change data. To change what a tool requires, edit \`scopes\` in its file under \`src/tools/\` (for instance add \`api:read\` to the read tools) and the table in \`tests/tools/api-tools-access.test.ts\`. Over stdio and with \`auth none\` nothing is enforced: whoever reaches the server may call every tool.

Every result is JSON, both as structured content and as text. Tools reach the API through \`ctx.upstream.rest\` (\`get\`, \`list\`, \`create\`, \`update\`, \`delete\` in \`src/upstream/rest-api/rest-api.ts\`); write your own tools on the same client, or adapt it when your API pages or filters differently.

How it reaches the API:

- **Lists.** \`limit\` and \`offset\` are sent as query parameters. The answer may be a JSON array or an object holding the array in \`items\`, \`data\` or \`results\`; the total is read from \`total\`, \`total_count\` or \`totalCount\`, or the \`X-Total-Count\` header. Without a total, a full page means there may be more.
- **What input may name.** Collection names are letters, digits, \`_\`, \`-\` and \`.\`; item IDs are single URL path segments (no \`/\`, \`?\`, \`#\`, \`%\`, spaces, \`.\` or \`..\`); each is percent-encoded as one segment below \`UPSTREAM_API_URL\`, so no input can reach another path or host. Set \`UPSTREAM_API_COLLECTIONS\` (e.g. \`orders,customers\`) to limit the tools to those collections; any other is refused with the error code \`collection_not_allowed\` before anything is sent.
- **Retries.** Reads, deletes and creations with an \`idempotency_key\` are retried on 429, 502, 503, 504, network errors and timeouts, with exponential backoff that honours \`Retry-After\` (the \`UPSTREAM_*\` timing settings). Creations without a key and updates are sent once: the API may have acted before the connection broke. After several failures in a row, calls fail fast for a while (\`UPSTREAM_BREAKER_*\`) instead of piling onto an API that is down.
- **Errors.** Error answers become tool errors with a stable \`code\` in the result's \`_meta["enterprise-mcp/error"]\`: \`upstream_validation\` (400, 422), \`upstream_auth\` (401, or the token endpoint refused this server's credentials), \`upstream_permission\` (403), \`upstream_not_found\` (404), \`upstream_conflict\` (409, 412), \`upstream_rate_limited\` (429 after the retries, with \`retryAfterMs\`), \`upstream_unavailable\` (5xx, timeout, network, circuit open) and \`upstream_unknown\`. Problem details (RFC 9457, \`application/problem+json\`) are read: the message is \`title: detail\`, \`upstreamCode\` is the problem \`type\` (or a \`code\` member), and field problems become \`fields\` (\`errors: [{ pointer, detail }]\`, \`invalid-params: [{ name, reason }]\`, \`errors: { field: [messages] }\`). Plain \`{ "message", "code" }\` bodies are read too; bodies that are not JSON never reach the client.
- **Missing settings.** Without \`UPSTREAM_API_URL\` (or the credentials of the chosen mode) the server still starts, logs a warning listing what is missing, and each \`api_*\` tool answers with the error code \`upstream_not_configured\` and the same list in \`problems\`.

### Authentication

\`UPSTREAM_API_AUTH\` chooses how the server authenticates to the API. The generic preset starts with \`none\`; Keycloak, Entra ID and Scalekit start with \`client_credentials\`.

| Mode | What is sent | Settings |
| --- | --- | --- |
| \`none\` | nothing | |
| \`api_key\` | the key in its own header (\`x-api-key: <key>\`) | \`UPSTREAM_API_KEY\`, \`UPSTREAM_API_KEY_HEADER\` |
| \`client_credentials\` | \`Authorization: Bearer <token>\`: this server's own token (OAuth client credentials grant), the same for every caller | \`UPSTREAM_CLIENT_ID\`, \`UPSTREAM_CLIENT_SECRET\`, \`UPSTREAM_TOKEN_URL\` (derived from the identity provider's settings where the preset knows them), \`UPSTREAM_SCOPE\`, \`UPSTREAM_AUDIENCE\` |
| \`token_exchange\` (Keycloak) | \`Authorization: Bearer <token>\`: a token for the caller, exchanged for the caller's own access token (RFC 8693), so the API sees and authorizes the person or client behind each call | as \`client_credentials\`, plus \`UPSTREAM_AUDIENCE\` (the REST API's client in the realm) |

With \`client_credentials\` the server keeps one token, replaces it shortly before it expires (\`UPSTREAM_TOKEN_REFRESH_BEFORE_SECONDS\`), and requests a fresh one at once if the API refuses it (401); concurrent calls share one token request. The client secret goes to the token endpoint as HTTP Basic or in the form body, as \`UPSTREAM_CLIENT_AUTH_METHOD\` says (each preset defaults to what its identity provider expects).

With \`token_exchange\` the server exchanges each caller's access token once and keeps the result, per caller, until shortly before it expires (at most 1000 callers, the least recently active forgotten first); the cache is keyed by a SHA-256 of the caller's token. The caller's own access token is never sent to the API. It needs a caller token: use it with the \`jwt\` or \`introspection\` auth strategy over HTTP. Over stdio, without authentication or behind an HMAC-signing gateway there is no token to exchange, and the tools answer with the error code \`caller_token_required\`; use \`client_credentials\` there.

### Settings

| Variable | Required | Meaning |
| --- | --- | --- |
| \`UPSTREAM_API_URL\` | yes, for the \`api_*\` tools | Base URL of the REST API, e.g. \`https://api.example.com/v1\`. https; plain http only on localhost. |
| \`UPSTREAM_API_AUTH\` | no | \`none\`, \`api_key\`, \`client_credentials\` (and \`token_exchange\` with Keycloak). |
| \`UPSTREAM_API_KEY\` | with \`api_key\` (secret) | The key the API issued to this server. |
| \`UPSTREAM_API_KEY_HEADER\` | no (default \`x-api-key\`) | Header that carries the key. |
| \`UPSTREAM_TOKEN_URL\` | with \`client_credentials\` on the generic preset | Token endpoint. Keycloak, Entra ID and Scalekit derive it; set it to override. |
| \`UPSTREAM_CLIENT_ID\` | with \`client_credentials\` / \`token_exchange\` | This server's OAuth client ID at the identity provider. |
| \`UPSTREAM_CLIENT_SECRET\` | with \`client_credentials\` / \`token_exchange\` (secret) | Its client secret. |
| \`UPSTREAM_CLIENT_AUTH_METHOD\` | no | \`client_secret_basic\` or \`client_secret_post\`. |
| \`UPSTREAM_SCOPE\` | Entra ID: yes | Space-separated scopes requested for the API's tokens; Entra ID: \`<Application ID URI of the API>/.default\`. |
| \`UPSTREAM_AUDIENCE\` | Keycloak \`token_exchange\`: yes | Generic: sent as \`audience\` in the token request (Auth0 and others). Keycloak: the REST API's client ID, the audience of exchanged tokens. |
| \`UPSTREAM_API_COLLECTIONS\` | no | Collections the tools may reach, separated by commas; unset allows every collection. |`;

export const KEYCLOAK_API_README = `The REST API's tokens come from the same realm (\`<KEYCLOAK_URL>/realms/<KEYCLOAK_REALM>/protocol/openid-connect/token\`; \`UPSTREAM_TOKEN_URL\` overrides it). Give this server a confidential client: *Clients* → *Create client* → *Client ID* e.g. \`mcp-server\` (it can be the client of \`KEYCLOAK_CLIENT_ID\`) → *Next* → *Client authentication* on → for \`client_credentials\` turn *Service accounts roles* on, for \`token_exchange\` turn *Standard Token Exchange* on (Keycloak 26.2 or later; older versions need the \`token-exchange\` preview feature and, on the REST API's client, *Permissions* → *token-exchange* granted to this client) → *Save*; copy *Credentials* → *Client secret* into \`UPSTREAM_CLIENT_SECRET\` and the client ID into \`UPSTREAM_CLIENT_ID\`. With \`client_credentials\` the API sees this client's service account: grant it the API's roles under *Service accounts roles* → *Assign role*, and add an *Audience* mapper (*Included Client Audience* = the API's client, e.g. \`orders-api\`) on its dedicated client scope so its tokens name the API. With \`token_exchange\` (\`UPSTREAM_API_AUTH=token_exchange\`, \`UPSTREAM_AUDIENCE\` = the API's client ID) the API sees the caller: the callers' tokens must also carry this server's client in their audience (on each calling client's audience mapper, add *Included Client Audience* = \`mcp-server\`), and this client needs the API's client among the audiences it may request (an *Audience* mapper for \`orders-api\` on its dedicated client scope).`;

export const ENTRA_API_README = `The REST API's app-only tokens come from the tenant's token endpoint (\`<ENTRA_AUTHORITY_HOST>/<ENTRA_TENANT_ID>/oauth2/v2.0/token\`; a multi-tenant \`ENTRA_TENANT_ID\` such as \`organizations\` names no tenant, so then set \`UPSTREAM_TOKEN_URL\` to the token endpoint of the tenant the API belongs to). In the Microsoft Entra admin center: the API's own app registration needs an app role for applications (*App roles* → *Create app role*, *Allowed member types*: *Applications*, e.g. value \`Orders.ReadWrite.All\`) and an *Application ID URI* (*Expose an API*). Then, in this server's app registration (the one of \`ENTRA_CLIENT_ID\`, or a separate one): *Certificates & secrets* → *New client secret* → copy its *Value* into \`UPSTREAM_CLIENT_SECRET\` and the *Application (client) ID* into \`UPSTREAM_CLIENT_ID\`; *API permissions* → *Add a permission* → *APIs my organization uses* (or *My APIs*) → the API → *Application permissions* → the role → *Add permissions* → *Grant admin consent for <tenant>*. Set \`UPSTREAM_SCOPE\` to \`<Application ID URI of the API>/.default\` (e.g. \`api://orders-api/.default\`): Entra issues app-only tokens only for \`.default\`, carrying the consented roles in \`roles\`. Secrets expire: note the date and rotate before it.`;

export const SCALEKIT_API_README = `The REST API's tokens come from the Scalekit environment (\`<SCALEKIT_ENVIRONMENT_URL>/oauth/token\`; \`UPSTREAM_TOKEN_URL\` overrides it), issued to an API client with the client credentials grant. API clients (machine-to-machine clients) belong to an organization and are created through the Scalekit API or one of its SDKs: register one for the organization whose REST API this server calls, with the scopes (and audience) that API checks and a token lifetime; Scalekit answers with the client ID and a secret it shows only once. Put them into \`UPSTREAM_CLIENT_ID\` and \`UPSTREAM_CLIENT_SECRET\` (sent in the form body, \`client_secret_post\`); set \`UPSTREAM_SCOPE\` only to ask for fewer scopes than the client holds. The API verifies the tokens against the environment's keys (\`<SCALEKIT_ENVIRONMENT_URL>/keys\`), as this server does for its callers' tokens.`;
