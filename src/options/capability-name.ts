/**
 * Names of the capabilities `add` creates. The user types one kebab-case name; the file name, the
 * TypeScript identifiers and the MCP name all derive from it, so they never drift apart.
 */
export const CAPABILITY_KINDS = ['tool', 'resource', 'prompt'] as const;
export type CapabilityKind = (typeof CAPABILITY_KINDS)[number];

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const MAX_LENGTH = 64;

export interface DerivedNames {
  kebab: string;
  camel: string;
  pascal: string;
  snake: string;
  /** Sentence case for display: "get-invoice" → "Get invoice". */
  title: string;
}

export type CapabilityNameCheck = { valid: true } | { valid: false; problem: string; suggestion: string | undefined };

export function checkCapabilityName(name: string): CapabilityNameCheck {
  if (KEBAB.test(name) && name.length <= MAX_LENGTH) return { valid: true };
  const suggestion = suggestKebab(name);
  const problem =
    name.length > MAX_LENGTH
      ? `"${name}" is longer than ${MAX_LENGTH} characters`
      : `"${name}" is not kebab-case (lower-case letters and digits, words joined by "-", starting with a letter)`;
  return { valid: false, problem, suggestion: suggestion && suggestion !== name ? suggestion : undefined };
}

function suggestKebab(name: string): string | undefined {
  const kebab = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[-0-9]+|-+$/g, '')
    .slice(0, MAX_LENGTH)
    .replace(/-+$/, '');
  return KEBAB.test(kebab) ? kebab : undefined;
}

export function deriveNames(kebab: string): DerivedNames {
  const words = kebab.split('-');
  const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return {
    kebab,
    camel: words.map((word, index) => (index === 0 ? word : capitalise(word))).join(''),
    pascal: words.map(capitalise).join(''),
    snake: words.join('_'),
    title: capitalise(words.join(' ')),
  };
}

/** Tools and prompts are named in snake_case on the wire; resources keep the kebab-case name. */
export function defaultMcpName(kind: CapabilityKind, names: DerivedNames): string {
  return kind === 'resource' ? names.kebab : names.snake;
}

export function mcpNameProblem(kind: CapabilityKind, mcpName: string): string | undefined {
  const [pattern, shape] = kind === 'resource' ? [KEBAB, 'kebab-case'] : [SNAKE, 'snake_case'];
  if (pattern.test(mcpName) && mcpName.length <= MAX_LENGTH) return undefined;
  return `--mcp-name "${mcpName}" must be ${shape}, at most ${MAX_LENGTH} characters`;
}

/** A prompt argument name: snake_case, like the MCP names clients show. */
export function isArgumentName(name: string): boolean {
  return SNAKE.test(name);
}
