/** How errors and logs name the upstream: `details.upstream` of every NetSuite tool error. */
export const NETSUITE = 'NetSuite';
