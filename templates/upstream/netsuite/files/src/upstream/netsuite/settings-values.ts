/** Algorithms NetSuite accepts for the client assertion that this server supports: one per key type. */
export const SIGNING_ALGORITHMS = ['PS256', 'ES256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/** What an access token can be good for: REST web services (records, SuiteQL), RESTlets, SuiteAnalytics Connect. */
export const NETSUITE_SCOPES = ['rest_webservices', 'restlets', 'suite_analytics'] as const;
export type NetSuiteScope = (typeof NETSUITE_SCOPES)[number];
