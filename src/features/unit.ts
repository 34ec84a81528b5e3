import type { z } from 'zod';
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
  /**
   * Where a service the server keeps its state in is (the store's database or cache): a server launched
   * without it cannot serve, or keeps state where its other replicas do not. The README's client
   * snippets pass these too, so a host launching the server over stdio reaches the same store.
   */
  locatesStore?: true;
  /**
   * Nobody can sign in through this server until it is set (the server's own client at the upstream,
   * where the auth strategy signs users in): the CLI's next steps and the README's quick start name it.
   */
  neededToSignIn?: true;
  /** What changes where the auth strategy signs users in at the upstream and tools act as them. */
  whenUsersSignIn?: {
    /** The example (and default) instead of `example`. */
    example?: string;
    /** The upstream's tools no longer need it: they use the signed-in user's session instead. */
    neededByUpstreamTools?: false;
  };
}

/** A setting with a working default that is not a secret: most variables are. */
export function optionalSetting(name: string, description: string, example: string): EnvVar {
  return { name, description, example, required: false, secret: false };
}

/** A secret the server can start without (the features that need it say so when it is missing). */
export function optionalSecret(name: string, description: string): EnvVar {
  return { name, description, example: '', required: false, secret: true };
}

/** The same variable, marked as one the upstream's tools cannot work without (with the preset's defaults). */
export function neededByUpstreamTools(envVar: EnvVar): EnvVar {
  return { ...envVar, neededByUpstreamTools: true };
}

/** An environment variable as a generated project documents it: required or not, needed to sign in or not, decided. */
export interface ResolvedEnvVar extends Omit<EnvVar, 'required' | 'neededToSignIn' | 'whenUsersSignIn'> {
  required: boolean;
  neededToSignIn: boolean;
}

/** A section of the generated README: a Markdown file in the layer's `readme/` folder, opening with its `## ` heading. */
export interface ReadmeSection {
  file: string;
  /**
   * Only for projects whose auth strategy verifies the identity provider's tokens (it explains that
   * set-up); not where users sign in through the server, which then issues its own.
   */
  withTokenAuthOnly?: true;
  /** Only where the auth strategy signs users in at the upstream (true), or only where it does not (false). */
  whenUsersSignIn?: boolean;
}

/**
 * A folder of `templates/`: the files it adds to a project (under `files/`) and what they need.
 * Option values are layers; so are the base project and the shared layers several values build on.
 */
export interface Layer {
  /** The folder, relative to its templates root: `base`, `layers/rest-api`, `upstream/netsuite`. Names the layer in errors. */
  folder: string;
  /** The templates root holding `folder`; unset, the CLI's own `templates/`. */
  root?: string;
  /** Shared layers rendered beneath this one, lowest first. */
  layers?: readonly Layer[];
  /**
   * Rendered only where the auth strategy signs users in at the upstream (true), or only where it does
   * not (false); unset, always. A layer left out leaves out the layers beneath it too.
   */
  whenUsersSignIn?: boolean;
  /** Rendered only where the project is also deployed with this target (a deploy id); unset, always. */
  whenDeploying?: string;
  /** Rendered only where the project has this auth strategy (an auth id); unset, always. */
  whenAuth?: string;
  /** Rendered only where the store is shared by replicas (true: several servers run), or only where it is not (false). */
  whenStorageSharedByReplicas?: boolean;
  /**
   * Files of this layer (project paths) that a higher layer may replace, each with the reason.
   * Declared here and nowhere else: a file written by two layers anywhere else fails rendering.
   */
  seams?: Readonly<Record<string, string>>;
  dependencies?: readonly PackageName[];
  devDependencies?: readonly PackageName[];
  envVars?: readonly EnvVar[];
  readme?: readonly ReadmeSection[];
}

/** One value of one option (`--auth jwt`): everything it contributes lives in `templates/<option>/<id>/`. */
export interface OptionUnit<Id extends string = string> extends Layer {
  id: Id;
  /** The value's one name: `--help`, the prompts, the generated README and `server_info` all use it. */
  label: string;
  /** One line after the label in `--help` and the prompts. */
  hint: string;
}

/**
 * A setting only one upstream has (a NetSuite account ID): its flag, its question and the variable
 * whose default it becomes. The CLI derives the flag, the prompt and the validation from it.
 */
export interface UpstreamSetting {
  /** Validates and normalises an answer; its default (or being optional) says what no answer means. */
  schema: z.ZodType<unknown, string | undefined>;
  /** Long flag without its value, e.g. `--netsuite-account-id`. */
  flag: `--${string}`;
  /** The flag's value in `--help`, e.g. `id`. */
  valueName: string;
  /** `--help` text after "with --upstream <id>:". */
  description: string;
  /** What a good answer is, shown beside the flag when it is missing and there is no terminal to ask. */
  answerHint: string;
  /** The question at a terminal; an empty answer means the default. */
  question: string;
  /** Shown greyed in the empty answer field: what a good answer looks like. */
  placeholder?: string;
  /** The environment variable whose rendered default this answer becomes. */
  envVar: string;
  /** An answer that still leaves `envVar` to set (Salesforce's shared login host names no org). */
  leavesVariableToSet?: (answer: string) => boolean;
}

export type UpstreamSettings = Readonly<Record<string, UpstreamSetting>>;

/**
 * How the identity provider of a preset on the rest-api layer issues the tokens of the REST API
 * behind the api_* tools, and how the generated tests play it (tests/helpers/rest-api-test-idp.ts).
 */
export interface RestApiTokens {
  /** How its token endpoint takes the client secret by default (UPSTREAM_CLIENT_AUTH_METHOD). */
  clientAuthMethod: 'client_secret_basic' | 'client_secret_post';
  /** It exchanges a caller's access token for one for the REST API (RFC 8693). */
  tokenExchange: boolean;
  testIdp: {
    /** The setting that says where the identity provider is: the tests set it to the fake's origin followed by `path`. */
    location: { setting: string; path: string };
    /** Further settings the preset needs to request the REST API's tokens. */
    settings: Readonly<Record<string, string>>;
    /** Where the preset then requests tokens, below the fake's origin. */
    tokenPath: string;
  };
}

export interface UpstreamUnit<Id extends string = string, Auth extends string = string, Settings extends UpstreamSettings = UpstreamSettings>
  extends OptionUnit<Id> {
  /** Strategies that work against this upstream, the first being the default. */
  authStrategies: readonly [Auth, ...Auth[]];
  settings: Settings;
  /** Presets on the rest-api layer: how their identity provider issues the REST API's tokens. */
  restApi?: RestApiTokens;
  /**
   * Examples (shown in `.env.example`, and taken as defaults) of settings other units declare, where
   * this upstream changes them; a setting the project does not have is left alone.
   */
  exampleOverrides?: Readonly<Record<string, string>>;
  /**
   * Where the preset's identity provider can run beside the server (Keycloak, under compose's `sso`
   * profile, realm `mcp`, at http://keycloak.localhost:8180): the settings that point the server at it.
   */
  localKeycloak?: Readonly<Record<string, string>>;
}

export interface StorageUnit<Id extends string = string> extends OptionUnit<Id> {
  /**
   * The folder of the working directory where the backend keeps its data unless configured
   * otherwise (`data` for SQLite); absent for backends that keep nothing on the local disk. Generated
   * projects keep it out of git and of Docker build contexts, and their image keeps it on a volume.
   */
  dataDirectory?: string;
  /**
   * Every replica of the server reaches the same store (a database server, not a local file or the
   * process's memory), so the deploy files run several: compose two behind a proxy, Helm scales them.
   */
  sharedByReplicas?: true;
}

export interface AuthUnit<Id extends string = string> extends OptionUnit<Id> {
  /** It checks tokens the identity provider issued: the provider's settings become required. */
  verifiesTokens: boolean;
  /**
   * Users sign in at the upstream through this server, which keeps their upstream tokens: upstream
   * calls can act as the caller (settings with `whenUsersSignIn` say what that changes).
   */
  signsUsersIn?: true;
}

export interface DeployUnit<Id extends string = string> extends OptionUnit<Id> {
  /**
   * What of it installs from the lockfile (`npm ci`, a frozen install), for people: "the Dockerfile".
   * Only an install writes the lockfile, so a project made without one is told to commit it.
   */
  installsFromLockfile?: string;
  /** Deploy targets this one builds on, chosen with it: compose runs the image the docker target's Dockerfile builds. */
  implies?: readonly string[];
  /** The storage backends it can run with (storage ids); unset, every one. */
  storages?: readonly string[];
}

/**
 * The template of the example call a tool made with `add tool --upstream-call` makes, in every
 * upstream unit's folder: the tool's `input` through its `handler`, run by the tool's test against
 * the preset's fake upstream (tests/helpers/upstream-sample.ts in the generated project).
 */
export const UPSTREAM_CALL_TEMPLATE = 'add-tool-call.ts.hbs';
