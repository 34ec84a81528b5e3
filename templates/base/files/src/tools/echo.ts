import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';

export default defineTool({
  name: 'echo',
  title: 'Echo',
  description: 'Returns the given text unchanged. Useful to check that the server is reachable.',
  input: z.object({
    text: z.string().min(1).max(10_000).describe('Text to send back'),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler({ text }) {
    return text;
  },
});
