import { z } from 'zod';

import { authDescriptor } from '../auth/index.js';
import { defineTool } from '../mcp/define-tool.js';
import { packageInfo } from '../package-info.js';
import { storageDescriptor } from '../storage/index.js';
import { upstreamDescriptor } from '../upstream/index.js';

const option = z.object({ id: z.string(), displayName: z.string() });

export default defineTool({
  name: 'server_info',
  title: 'Server information',
  description:
    'Describes this MCP server: name, version, the upstream it fronts, its authentication and storage, ' +
    'uptime, and the protocol era of the current request. Use it for diagnostics.',
  input: z.object({}),
  output: z.object({
    name: z.string(),
    version: z.string(),
    upstream: option,
    auth: option,
    storage: option,
    uptimeSeconds: z.number().int().nonnegative(),
    protocolEra: z.enum(['legacy', 'modern']),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler(_input, ctx) {
    return {
      name: packageInfo.name,
      version: packageInfo.version,
      upstream: { id: upstreamDescriptor.id, displayName: upstreamDescriptor.displayName },
      auth: { id: authDescriptor.id, displayName: authDescriptor.displayName },
      storage: { id: storageDescriptor.id, displayName: storageDescriptor.displayName },
      uptimeSeconds: Math.floor(process.uptime()),
      protocolEra: ctx.era,
    };
  },
});
