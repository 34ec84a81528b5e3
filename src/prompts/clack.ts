import { cancelled } from '../errors.js';
import type { Prompter } from './prompter.js';

/** Loaded at the first question: a run whose flags answer everything never needs it. */
const clack = () => import('@clack/prompts');

async function answered<T>(value: T | symbol): Promise<Exclude<T, symbol>> {
  const { isCancel } = await clack();
  if (isCancel(value)) throw cancelled();
  return value as Exclude<T, symbol>;
}

/** The interactive prompter: clack draws, Ctrl-C at any question becomes a clean cancellation. */
export const clackPrompter: Prompter = {
  async text({ message, defaultValue, placeholder, validate }) {
    const { text } = await clack();
    const shown = placeholder ?? defaultValue;
    return answered(
      await text({
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
    const { select } = await clack();
    // clack's option type is a conditional type over the value; our Choice has the same fields.
    return answered(await select({ message, options: options as never, initialValue }));
  },
  async multiselect({ message, options, initialValues }) {
    const { multiselect } = await clack();
    return answered(await multiselect({ message, options: options as never, initialValues, required: false }));
  },
  async confirm({ message, initialValue }) {
    const { confirm } = await clack();
    return answered(await confirm({ message, initialValue }));
  },
};
