/** What the explanation of a failure may name besides the error itself. */
export interface FailureContext {
  endpoint: string;
  database: string;
  container: string;
  /** How the server signs in: with COSMOS_KEY, or with its Microsoft Entra identity. */
  auth: 'key' | 'identity';
  caFile: string | undefined;
}

/** The HTTP status of an error the service answered with; undefined when no answer came. */
export function statusOf(error: unknown): number | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown; statusCode?: unknown }) : undefined;
  if (typeof code?.statusCode === 'number') return code.statusCode;
  return typeof code?.code === 'number' ? code.code : undefined;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED']);
const UNRESOLVED = new Set(['ENOTFOUND', 'EAI_AGAIN']);
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|HOSTNAME|ALTNAME/;

/**
 * Says what went wrong at start-up in words a person can act on, naming the variable to change. The
 * key never appears: service messages name accounts and resources, not keys.
 */
export function explainStartFailure(error: unknown, context: FailureContext): string {
  const at = `Azure Cosmos DB at ${context.endpoint} (COSMOS_ENDPOINT)`;
  const cause = causeText(error);
  const status = statusOf(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const credential = context.auth === 'key' ? 'COSMOS_KEY' : "the server's Microsoft Entra identity (COSMOS_KEY is unset)";
  switch (status) {
    case 401:
      return context.auth === 'key'
        ? `${at} refused the key in COSMOS_KEY: ${cause}. Use the account's primary or secondary key (the Keys page of the account, or az cosmosdb keys list).`
        : `${at} refused the token of ${credential}: ${cause}. Check that the identity belongs to the account's tenant, or set COSMOS_KEY.`;
    case 403:
      return context.auth === 'key'
        ? `${at} refused the request: ${cause}. Check the account's firewall and network settings, and whether key authentication is disabled on it (disableLocalAuth).`
        : `${at} does not let ${credential} use database "${context.database}" and container "${context.container}": ${cause}. ` +
            'Assign it the "Cosmos DB Built-in Data Contributor" role on the account, and create the database and the container beforehand ' +
            '(partition key /pk, default time to live on with -1): a Microsoft Entra identity may not create them.';
    case 404:
      return `${at} has no database "${context.database}" (COSMOS_DATABASE) or container "${context.container}" (COSMOS_CONTAINER), and did not create them: ${cause}.`;
    default:
      break;
  }
  if (status !== undefined) return `${at} failed while preparing container "${context.container}" in database "${context.database}": ${cause} (HTTP ${status}).`;
  if (UNRESOLVED.has(code)) return `Cannot find the host of ${at}: ${cause}. Check the host name in COSMOS_ENDPOINT.`;
  if (UNREACHABLE.has(code)) return `Cannot reach ${at}: ${cause}. Check that COSMOS_ENDPOINT names the account (or emulator) and its port, and that no firewall drops the connection.`;
  if (CERTIFICATE.test(code)) {
    const trust = context.caFile === undefined ? 'If a private CA or the emulator signed it, put that certificate in a PEM file and its path in COSMOS_TLS_CA_FILE' : 'Check that COSMOS_TLS_CA_FILE holds the certificate that signed it';
    return `The TLS certificate of ${at} was not accepted: ${cause}. ${trust}, and that COSMOS_ENDPOINT names a host the certificate is for.`;
  }
  if (code === 'EPROTO' || /wrong version number/i.test(cause)) return `${at} does not speak TLS: ${cause}. COSMOS_ENDPOINT must name an HTTPS endpoint.`;
  if (/CredentialUnavailable|AuthenticationRequired|ManagedIdentity|DefaultAzureCredential/i.test(`${errorName(error)} ${cause}`)) {
    return `${at}: COSMOS_KEY is unset and no Microsoft Entra identity could sign in: ${cause}. Set COSMOS_KEY, or run where a managed identity or az login is available.`;
  }
  return `Cannot use ${at}: ${cause}.`;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/** The message of `error`, its last full stop left out; first line only (service messages carry diagnostics after it). */
function causeText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = (text.split('\n').find((line) => line.trim() !== '') ?? text).trim();
  return (first === '' ? errorName(error) || 'no message' : first).replace(/\.$/, '');
}
