import { CliError } from '../errors.js';
import { isArgumentName, type CapabilityKind, type DerivedNames } from '../options/capability-name.js';

/**
 * The Handlebars context of each `add` template. Text that ends up inside TypeScript string
 * literals is also passed as a ready-made literal (`…Literal`), so quotes in a description can
 * never break the generated code.
 */
export interface AddInput {
  names: DerivedNames;
  mcpName: string;
  description: string;
  scopes: string[];
  roles: string[];
  uri: string | undefined;
  mimeType: string;
  args: string[];
  /** Tools only: the template of the upstream call the tool makes instead of the placeholder echo. */
  upstreamCall: string | undefined;
}

const literal = (text: string) => JSON.stringify(text);

export function addContext(kind: CapabilityKind, input: AddInput): object {
  const common = {
    name: input.names,
    mcpName: input.mcpName,
    description: input.description,
    descriptionLiteral: literal(input.description),
  };
  switch (kind) {
    case 'tool':
      return { ...common, scopes: input.scopes, roles: input.roles, upstreamCall: input.upstreamCall !== undefined };
    case 'resource': {
      const uri = input.uri ?? `resource://${input.names.kebab}`;
      const variables = uriVariables(uri);
      return { ...common, uri, uriLiteral: literal(uri), isTemplate: variables.length > 0, variables, mimeType: input.mimeType };
    }
    case 'prompt':
      return { ...common, arguments: input.args.map(promptArgument) };
  }
}

const URI_SCHEME = /^[a-z][a-z0-9+.-]*:\/\/\S*$/;
const VARIABLE = /\{([^{}]*)\}/g;

/** Variables of an RFC 6570 level-1 template (`invoice://{id}` → ["id"]), validated. */
export function uriVariables(uri: string): string[] {
  if (!URI_SCHEME.test(uri)) {
    throw new CliError(`--uri "${uri}" is not an absolute URI like scheme://path or scheme://path/{id}.`);
  }
  const variables = [...uri.matchAll(VARIABLE)].map((match) => match[1] ?? '');
  const bad = variables.filter((name) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
  if (bad.length > 0 || uri.replace(VARIABLE, '').match(/[{}]/)) {
    throw new CliError(`--uri "${uri}" has a malformed variable; write variables as {name} with letters, digits and _.`);
  }
  if (new Set(variables).size !== variables.length) throw new CliError(`--uri "${uri}" repeats a variable.`);
  return variables;
}

/** `--args invoice_id,tone?`: a trailing `?` marks an optional argument. */
function promptArgument(spec: string) {
  const required = !spec.endsWith('?');
  const name = required ? spec : spec.slice(0, -1);
  const description = `The ${name.replaceAll('_', ' ')} to use.`;
  return { name, required, description, descriptionLiteral: literal(description) };
}

export function promptArgumentProblems(specs: readonly string[]): string[] {
  const names = specs.map((spec) => spec.replace(/\?$/, ''));
  const problems = names.filter((name) => !isArgumentName(name)).map((name) => `argument "${name}" must be snake_case`);
  if (new Set(names).size !== names.length) problems.push('an argument is listed twice');
  return problems;
}
