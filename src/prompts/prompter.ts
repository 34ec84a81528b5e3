/**
 * The questions the CLI can ask, independent of how they are drawn. The terminal implementation
 * uses @clack/prompts; tests script the answers. A cancelled prompt throws the `cancelled()` error.
 */
export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

export interface Prompter {
  text(question: { message: string; initialValue?: string; validate: (value: string) => string | undefined }): Promise<string>;
  select<T extends string>(question: { message: string; options: Choice<T>[]; initialValue: T }): Promise<T>;
  multiselect<T extends string>(question: { message: string; options: Choice<T>[]; initialValues: T[] }): Promise<T[]>;
  confirm(question: { message: string; initialValue: boolean }): Promise<boolean>;
}
