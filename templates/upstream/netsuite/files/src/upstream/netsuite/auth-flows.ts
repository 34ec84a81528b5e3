/**
 * How the NetSuite tools reach NetSuite: as the signed-in user (only where users sign in at NetSuite
 * through this server), or with this server's own machine-to-machine credentials.
 */
export type NetSuiteAuthFlow = 'signed_in_user' | 'client_credentials';
