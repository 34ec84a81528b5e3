import { cancelled } from '../../src/errors.js';
import type { Prompter } from '../../src/prompts/prompter.js';

/**
 * Answers prompts from a script keyed by the start of each question, and records what was asked.
 * An unscripted question fails the test: a prompt that should not have been shown was shown.
 */
export function scriptedPrompter(answers: Record<string, unknown>): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const reply = (message: string): unknown => {
    asked.push(message);
    const key = Object.keys(answers).find((start) => message.startsWith(start));
    if (key === undefined) throw new Error(`Unexpected prompt: ${message}`);
    const value = answers[key];
    if (value === CANCEL) throw cancelled();
    return value;
  };
  return {
    asked,
    text: async ({ message, validate }) => {
      const value = reply(message) as string;
      const problem = validate(value);
      if (problem) throw new Error(`Scripted answer failed validation: ${problem}`);
      return value;
    },
    select: async ({ message, options }) => {
      const value = reply(message);
      if (!options.some((option) => option.value === value)) throw new Error(`${String(value)} was not offered for: ${message}`);
      return value as never;
    },
    multiselect: async ({ message }) => reply(message) as never,
    confirm: async ({ message }) => reply(message) as boolean,
  };
}

export const CANCEL = Symbol('cancel');
