/**
 * The questions the CLI can ask, independent of how they are drawn. The terminal implementation
 * uses @clack/prompts; tests script the answers. A cancelled prompt throws the `cancelled()` error.
 */
export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

export interface TextQuestion {
  message: string;
  /**
   * The answer when the person just presses Enter. Shown as a dim placeholder, never as pre-filled
   * text: typing replaces it instead of appending to it. Validated like a typed answer.
   */
  defaultValue?: string;
  /** A dim example shown while the answer is empty, when there is no default (or a different one). */
  placeholder?: string;
  validate: (value: string) => string | undefined;
}

export interface Prompter {
  /** Resolves to what was typed, or to `defaultValue` for an empty answer. */
  text(question: TextQuestion): Promise<string>;
  select<T extends string>(question: { message: string; options: Choice<T>[]; initialValue: T }): Promise<T>;
  multiselect<T extends string>(question: { message: string; options: Choice<T>[]; initialValues: T[] }): Promise<T[]>;
  confirm(question: { message: string; initialValue: boolean }): Promise<boolean>;
}
