import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { namespacedStore, type Store } from '../storage/store.js';
import { createUpstreamApi, upstreamApiProblems, type UpstreamApi } from './index.js';

/**
 * Creates the upstream API once per process. Missing upstream settings do not stop the server (its
 * other tools, probes and auth keep working); they are reported here at start-up, and each upstream
 * tool call answers with the same list. `sealedStore` is the store's sealed view: the upstream keeps
 * its tokens in a namespace of it.
 */
export function startUpstream(config: Config, logger: Logger, sealedStore: Store): UpstreamApi {
  const problems = upstreamApiProblems(config);
  if (problems.length > 0) logger.warn({ problems }, 'the upstream API is not fully configured; its tools will say what is missing');
  return createUpstreamApi(config, { logger: logger.child({ component: 'upstream' }), store: namespacedStore(sealedStore, 'upstream') });
}
