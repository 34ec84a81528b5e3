import type { OptionDescriptor } from '../descriptor.js';

/**
 * The upstream seam: the system this MCP server fronts. Each upstream option provides
 * src/upstream/index.ts exporting an `upstreamDescriptor`, and its API client beside it.
 */
export type UpstreamDescriptor = OptionDescriptor;
