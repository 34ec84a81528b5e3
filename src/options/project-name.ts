import { builtinModules } from 'node:module';

/**
 * npm package-name rules (the ones `npm publish` enforces for new packages): lower case, URL-safe,
 * at most 214 characters, no leading dot or underscore, not a Node core module name.
 */
const MAX_LENGTH = 214;
const SCOPED = /^@([^/]+)\/([^/]+)$/;
const URL_SAFE = /^[a-z0-9-._~]+$/;
const RESERVED = new Set(['node_modules', 'favicon.ico']);

export type NameCheck = { valid: true } | { valid: false; problems: string[]; suggestion: string | undefined };

export function checkProjectName(name: string): NameCheck {
  const problems: string[] = [];
  if (name.length === 0) problems.push('it is empty');
  if (name.length > MAX_LENGTH) problems.push(`it is longer than ${MAX_LENGTH} characters`);
  if (name.trim() !== name) problems.push('it has leading or trailing spaces');
  if (name.toLowerCase() !== name) problems.push('it has capital letters');
  if (/^[._]/.test(name)) problems.push('it starts with a dot or an underscore');
  if (RESERVED.has(name) || builtinModules.includes(name)) problems.push(`"${name}" is a reserved name`);

  const scoped = SCOPED.exec(name);
  const parts = scoped ? [scoped[1] ?? '', scoped[2] ?? ''] : [name];
  if (!scoped && name.includes('/')) problems.push('only a scoped name (@scope/name) may contain a slash');
  if (parts.some((part) => part.length > 0 && !URL_SAFE.test(part.toLowerCase()))) {
    problems.push('it has characters other than letters, digits, "-", ".", "_" and "~"');
  }

  if (problems.length === 0) return { valid: true };
  return { valid: false, problems, suggestion: suggestProjectName(name) };
}

/** A corrected name close to what was typed, or undefined when nothing usable is left. */
export function suggestProjectName(name: string): string | undefined {
  const fix = (part: string): string =>
    part
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9-._~]+/g, '-')
      .replace(/^[-._~]+/, '')
      .replace(/-+$/, '')
      .replace(/-{2,}/g, '-');
  const scoped = SCOPED.exec(name.trim());
  const candidate = scoped ? `@${fix(scoped[1] ?? '')}/${fix(scoped[2] ?? '')}` : fix(name.replaceAll('/', '-'));
  const trimmed = candidate.slice(0, MAX_LENGTH);
  if (trimmed === '' || trimmed.endsWith('/') || trimmed === '@') return undefined;
  const usable = RESERVED.has(trimmed) || builtinModules.includes(trimmed) ? `${trimmed}-mcp` : trimmed;
  return checkProjectName(usable).valid ? usable : undefined;
}

/** One sentence for an error message or a prompt validation. */
export function describeNameProblem(name: string, check: Extract<NameCheck, { valid: false }>): string {
  const why = check.problems.join('; ');
  const hint = check.suggestion ? ` Try "${check.suggestion}".` : '';
  return `"${name}" is not a valid npm package name: ${why}.${hint}`;
}
