/**
 * How the Salesforce tools reach Salesforce: as the signed-in user (only where users sign in at
 * Salesforce through this server), or with a session of this server's own from the client
 * credentials or the JWT bearer flow.
 */
export type SalesforceAuthFlow = 'signed_in_user' | 'client_credentials' | 'jwt_bearer';
