import type { AuthStrategy } from '../options/schema.js';
import type { PackageName } from './versions.js';

/** An environment variable the generated server reads, documented in `.env.example` and the README. */
export interface EnvVar {
  name: string;
  description: string;
  /** The value shown in `.env.example`; also the default when the variable is optional. */
  example: string;
  /** `with-token-auth`: required once an auth strategy verifies tokens (any strategy but none). */
  required: boolean | 'with-token-auth';
  /** Secrets are never logged and get no real-looking example value. */
  secret: boolean;
  /**
   * The upstream's tools cannot reach it until this is set (with the preset's default settings):
   * the server starts without it, and those tools answer `upstream_not_configured`. The CLI's next
   * steps name these beside the required ones, and the README's client snippets pass them (MCP hosts
   * launching the server over stdio read no `.env`).
   */
  neededByUpstreamTools?: true;
}

/** A setting with a working default that is not a secret: most variables are. */
export function optionalSetting(name: string, description: string, example: string): EnvVar {
  return { name, description, example, required: false, secret: false };
}

/** An environment variable as a generated project documents it: required or not, decided. */
export interface ResolvedEnvVar extends Omit<EnvVar, 'required'> {
  required: boolean;
}

export interface ReadmeSection {
  title: string;
  /** Markdown, inserted as written. */
  body: string;
  /** Only for projects whose auth strategy verifies tokens (it explains the identity provider set-up). */
  withTokenAuthOnly?: boolean;
}

/** What one option value contributes to a generated project. */
export interface FeatureManifest {
  displayName: string;
  /**
   * Template overlay directories under `templates/`, rendered in order on top of `templates/base`.
   * Several values can share one (e.g. the pieces every token-verifying strategy needs) and add their own.
   */
  overlays: readonly string[];
  dependencies: readonly PackageName[];
  devDependencies: readonly PackageName[];
  envVars: readonly EnvVar[];
  readme: readonly ReadmeSection[];
}

/**
 * The example upstream call of a tool made with `add tool --upstream-call`: TypeScript source
 * placed into the tool template. Its test runs it against the preset's fake upstream
 * (tests/helpers/upstream-sample.ts in the generated project).
 */
export interface UpstreamToolCall {
  /** Fields of the tool's zod input object. */
  inputFields: string;
  /** The handler's first parameter: destructured input fields. */
  parameters: string;
  /** An expression reading from the upstream through `ctx.upstream`; the tool returns its result as JSON. */
  call: string;
}

export interface UpstreamFeature extends FeatureManifest {
  /** Strategies that work against this upstream, the first being the default. */
  authStrategies: readonly [AuthStrategy, ...AuthStrategy[]];
  toolCall: UpstreamToolCall;
}

export type AuthFeature = FeatureManifest;
export type StorageFeature = FeatureManifest;

export interface DeployFeature extends FeatureManifest {
  /**
   * What of it installs from the lockfile (`npm ci`, a frozen install), for people: "the Dockerfile".
   * Only an install writes the lockfile, so a project made without one is told to commit it.
   */
  installsFromLockfile?: string;
}
/** The base project has no overlay of its own: it is the layer the overlays go on. */
export type BaseFeature = Omit<FeatureManifest, 'displayName'>;
