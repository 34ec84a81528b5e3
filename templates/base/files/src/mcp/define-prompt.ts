import type { PromptMessage } from '@modelcontextprotocol/server';
import type { z } from 'zod';

import type { RequestContext } from './context.js';

/** What a prompt renderer may use besides its arguments: logger, config, identity, signal, request id, era. */
export type PromptContext = RequestContext;

/**
 * Prompt arguments travel as strings, so the schema is an object of string fields; mark optional
 * ones with `.optional()`. `.describe()` texts are what clients show next to each input.
 */
export type PromptArgs = z.ZodObject<Record<string, z.ZodType<string | undefined, string | undefined>>>;

/** A single string becomes one user message; return messages to control roles and content blocks. */
export type PromptOutput = string | readonly PromptMessage[];

export interface PromptSpec<A extends PromptArgs> {
  /** MCP prompt name: snake_case, unique within the server. */
  name: string;
  /** Human-friendly display name for clients (prompts often appear as slash commands or menu entries). */
  title?: string;
  /** What the prompt is for. Clients show it to the person choosing a prompt. */
  description: string;
  args: A;
  render(args: z.output<A>, ctx: PromptContext): PromptOutput | Promise<PromptOutput>;
}

const PROMPT_BRAND: unique symbol = Symbol.for('enterprise-mcp.prompt-definition');

export type PromptDefinition<A extends PromptArgs = PromptArgs> = Readonly<PromptSpec<A>> & { readonly [PROMPT_BRAND]: true };

const PROMPT_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/**
 * Declares a prompt. Each file in src/prompts/ default-exports one `definePrompt(...)`; the registry
 * (src/prompts/index.ts) is generated from those files.
 */
export function definePrompt<A extends PromptArgs>(spec: PromptSpec<A>): PromptDefinition<A> {
  if (!PROMPT_NAME.test(spec.name)) throw new Error(`Prompt name "${spec.name}" must be snake_case (e.g. "summarize_invoice")`);
  if (spec.description.trim() === '') throw new Error(`Prompt "${spec.name}" needs a description`);
  return Object.freeze({ ...spec, [PROMPT_BRAND]: true as const });
}

/** True for values produced by definePrompt (checked by the registry sync script). */
export function isPromptDefinition(value: unknown): value is PromptDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PROMPT_BRAND] === true;
}
