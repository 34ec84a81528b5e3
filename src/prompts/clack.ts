import * as clack from '@clack/prompts';
import { cancelled } from '../errors.js';
import type { Prompter } from './prompter.js';

function answered<T>(value: T | symbol): Exclude<T, symbol> {
  if (clack.isCancel(value)) throw cancelled();
  return value as Exclude<T, symbol>;
}

/** The interactive prompter: clack draws, Ctrl-C at any question becomes a clean cancellation. */
export const clackPrompter: Prompter = {
  async text({ message, defaultValue, placeholder, validate }) {
    const shown = placeholder ?? defaultValue;
    return answered(
      await clack.text({
        message,
        // clack pre-fills `initialValue` as editable text, so typing appended to it; a placeholder
        // plus `defaultValue` is what Enter takes, and the first key typed replaces it.
        ...(shown === undefined ? {} : { placeholder: shown }),
        ...(defaultValue === undefined ? {} : { defaultValue }),
        // clack validates before it substitutes the default for an empty answer.
        validate: (value) => validate(value === undefined || value === '' ? (defaultValue ?? '') : value),
      }),
    );
  },
  async select({ message, options, initialValue }) {
    // clack's option type is a conditional type over the value; our Choice has the same fields.
    return answered(await clack.select({ message, options: options as never, initialValue }));
  },
  async multiselect({ message, options, initialValues }) {
    return answered(await clack.multiselect({ message, options: options as never, initialValues, required: false }));
  },
  async confirm({ message, initialValue }) {
    return answered(await clack.confirm({ message, initialValue }));
  },
};
