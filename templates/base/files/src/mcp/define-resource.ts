import type { RequestContext } from './context.js';

/** What a resource reader may use besides the URI: logger, config, identity, signal, request id, era. */
export type ResourceContext = RequestContext;

/**
 * One item of a resource's contents. A plain string is text in the resource's own `mimeType`;
 * binary data goes in `blob`, base64-encoded.
 */
export type ResourceContent = string | { text: string; mimeType?: string } | { blob: string; mimeType?: string };

/** What `read` returns: one item or several (each becomes one entry of the read result). */
export type ResourceContents = ResourceContent | readonly ResourceContent[];

/** Variable names of an RFC 6570 level-1 URI template: `invoice://{customer}/{id}` → `"customer" | "id"`. */
export type UriTemplateVariables<U extends string> = U extends `${string}{${infer Name}}${infer Rest}`
  ? Name | UriTemplateVariables<Rest>
  : never;

interface ResourceSpecBase<U extends string> {
  /** Registration name: kebab-case, unique within the server. */
  name: string;
  /** Human-friendly display name for clients. */
  title?: string;
  /** What the resource holds and when it is useful. Clients show it when choosing context. */
  description: string;
  /**
   * A fixed URI (`config://app`) or a level-1 URI template (`invoice://{id}`): every `{name}` matches
   * one segment of a concrete URI and reaches `read` as a variable. Write it as a literal so the
   * variables are typed.
   */
  uri: U;
  /** MIME type of the contents, e.g. `application/json` or `text/markdown`. */
  mimeType: string;
}

/** A resource at one fixed URI. */
export interface FixedResourceSpec<U extends string> extends ResourceSpecBase<U> {
  read(uri: URL, ctx: ResourceContext): ResourceContents | Promise<ResourceContents>;
}

/** A family of resources: the URI template's variables arrive decoded, one string each. */
export interface TemplateResourceSpec<U extends string> extends ResourceSpecBase<U> {
  read(uri: URL, variables: Readonly<Record<UriTemplateVariables<U>, string>>, ctx: ResourceContext): ResourceContents | Promise<ResourceContents>;
}

/** The spec shape follows the URI: with `{variables}` it is a template, otherwise a fixed resource. */
export type ResourceSpec<U extends string> = [UriTemplateVariables<U>] extends [never] ? FixedResourceSpec<U> : TemplateResourceSpec<U>;

const RESOURCE_BRAND: unique symbol = Symbol.for('enterprise-mcp.resource-definition');

export interface ResourceDefinition {
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  readonly uri: string;
  readonly mimeType: string;
  /** Variable names of a URI template, in order; empty for a fixed URI. */
  readonly variables: readonly string[];
  /** Runs the spec's `read` with the arguments its kind of URI expects. */
  read(uri: URL, variables: Readonly<Record<string, string>>, ctx: ResourceContext): Promise<ResourceContents>;
  readonly [RESOURCE_BRAND]: true;
}

const RESOURCE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MIME_TYPE = /^[\w.+-]+\/[\w.+-]+$/;
const VARIABLE = /\{([^{}]*)\}/g;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Declares a resource. Each file in src/resources/ default-exports one `defineResource(...)`; the
 * registry (src/resources/index.ts) is generated from those files.
 */
export function defineResource<const U extends string>(spec: ResourceSpec<U>): ResourceDefinition {
  const where = `Resource "${spec.name}"`;
  if (!RESOURCE_NAME.test(spec.name)) throw new Error(`${where}: the name must be kebab-case (e.g. "invoice-pdf")`);
  if (spec.description.trim() === '') throw new Error(`${where} needs a description`);
  if (!MIME_TYPE.test(spec.mimeType)) throw new Error(`${where}: "${spec.mimeType}" is not a MIME type like application/json`);
  const variables = uriVariables(spec.uri, where);
  // The conditional spec type has done its job (typing `read` for the caller); from here on one
  // loose shape serves both kinds, dispatched on whether the URI has variables.
  const { read, ...metadata } = spec as ResourceSpecBase<string> & { read(...args: unknown[]): ResourceContents | Promise<ResourceContents> };
  return Object.freeze({
    ...metadata,
    variables,
    read: async (uri: URL, values: Readonly<Record<string, string>>, ctx: ResourceContext) =>
      variables.length === 0 ? read.call(spec, uri, ctx) : read.call(spec, uri, values, ctx),
    [RESOURCE_BRAND]: true as const,
  });
}

/** True for values produced by defineResource (checked by the registry sync script). */
export function isResourceDefinition(value: unknown): value is ResourceDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[RESOURCE_BRAND] === true;
}

/** Validates a fixed URI or level-1 template and returns its variable names. */
function uriVariables(uri: string, where: string): string[] {
  const variables = [...uri.matchAll(VARIABLE)].map((match) => match[1] ?? '');
  const invalid = variables.filter((name) => !VARIABLE_NAME.test(name));
  if (invalid.length > 0 || /[{}]/.test(uri.replace(VARIABLE, ''))) {
    throw new Error(`${where}: write URI template variables as {name} (letters, digits, _), got "${uri}"`);
  }
  if (new Set(variables).size !== variables.length) throw new Error(`${where}: "${uri}" repeats a variable`);
  // Clients send concrete URIs that the SDK parses as URLs before matching: the URI (with sample
  // values in place of its variables) must already be in that parsed form, or it could never match.
  const sample = uri.replace(VARIABLE, 'x');
  let parsed: string;
  try {
    parsed = new URL(sample).href;
  } catch {
    throw new Error(`${where}: "${uri}" is not an absolute URI like scheme://path`);
  }
  if (parsed !== sample) throw new Error(`${where}: write the URI "${uri}" in normalised form (as a URL parser prints it: "${parsed}")`);
  return variables;
}
