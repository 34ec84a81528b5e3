import { setTimeout as sleep } from 'node:timers/promises';

import { z } from 'zod';

import { ToolError } from '../errors.js';
import { defineTool } from '../mcp/define-tool.js';

/**
 * Template for slow work: reports progress after every step and stops at the next step boundary
 * once the call is cancelled, instead of burning resources for a result nobody will read.
 */
export default defineTool({
  name: 'long_task',
  title: 'Long-running task (example)',
  description:
    'Simulates a long-running job of `steps` steps, `stepMs` milliseconds each, sending a progress ' +
    'notification after every step. Cancel the call to stop it early.',
  input: z.object({
    steps: z.number().int().min(1).max(1_000).default(5).describe('Number of steps to run'),
    stepMs: z.number().int().min(0).max(10_000).default(200).describe('Duration of each step in milliseconds'),
  }),
  output: z.object({ completedSteps: z.number().int() }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler({ steps, stepMs }, ctx) {
    for (let step = 1; step <= steps; step++) {
      try {
        // Passing the signal makes the wait end the moment the call is cancelled.
        await sleep(stepMs, undefined, { signal: ctx.signal });
      } catch (error) {
        if (!ctx.signal.aborted) throw error;
        ctx.logger.info({ completedSteps: step - 1, steps }, 'long_task stopped on cancellation');
        throw new ToolError('CANCELLED', `Cancelled after ${step - 1} of ${steps} steps`, { cause: error });
      }
      await ctx.reportProgress(step, steps, `Step ${step} of ${steps}`);
    }
    return { completedSteps: steps };
  },
});
