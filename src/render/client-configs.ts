import type { ResolvedEnvVar } from '../features/unit.js';

/** A variable an MCP host passes to the server it launches over stdio. */
export interface LaunchVariable {
  name: string;
  /** What the snippet shows: a value chosen at generation time, else the documented example. */
  value: string;
  description: string;
  /** Secrets appear as a placeholder to replace (or, in VS Code, a prompt), never as an example value. */
  secret: boolean;
  /** It says where the store is (not what the upstream's tools need). */
  locatesStore: boolean;
}

/** The configuration file contents the README shows for each MCP host, as pretty-printed JSON. */
export interface ClientConfigs {
  claudeDesktop: string;
  vscode: string;
  cursor: string;
  /** Whether any variable is a secret (the README then says where secrets should live). */
  hasSecrets: boolean;
  /** Whether the snippets say where the store is (the README then says why). */
  locateStore: boolean;
}

/**
 * The variables a host must pass: where the store is and what the upstream's tools cannot work
 * without, in the units' order. Hosts start the server from a working directory of their own and read
 * no `.env`, so without these the server cannot reach its store and the upstream tools answer
 * `upstream_not_configured`.
 */
export function launchVariables(envVars: readonly ResolvedEnvVar[], chosenValues: Readonly<Record<string, string | undefined>>): LaunchVariable[] {
  return envVars
    .filter((envVar) => envVar.neededByUpstreamTools === true || envVar.locatesStore === true)
    .map(({ name, example, description, secret, locatesStore }) => ({ name, value: chosenValues[name] ?? example, description, secret, locatesStore: locatesStore === true }));
}

/** What replaces a secret in a configuration file: visibly not a value. */
export function secretPlaceholder(name: string): string {
  return `<${name}>`;
}

/** The id of a VS Code input that asks for a secret once and keeps it out of the workspace file. */
export function vscodeInputId(name: string): string {
  return name.toLowerCase().replaceAll('_', '-');
}

/**
 * Each host's documented stdio entry: Claude Desktop and Cursor take `mcpServers` with command,
 * args and env; VS Code takes `servers` with a type, and asks for secrets through `inputs` because
 * `.vscode/mcp.json` usually sits in version control.
 */
export function clientConfigs(serverName: string, variables: readonly LaunchVariable[]): ClientConfigs {
  const command = 'node';
  const args = [`/absolute/path/to/${serverName}/dist/main.js`, '--stdio'];
  const env = (valueOf: (variable: LaunchVariable) => string) =>
    variables.length === 0 ? {} : { env: Object.fromEntries(variables.map((variable) => [variable.name, valueOf(variable)])) };
  const withPlaceholders = env((variable) => (variable.secret ? secretPlaceholder(variable.name) : variable.value));
  const secrets = variables.filter((variable) => variable.secret);
  const inputs = secrets.map((variable) => ({
    type: 'promptString',
    id: vscodeInputId(variable.name),
    description: `${variable.name}: ${variable.description}`,
    password: true,
  }));

  return {
    claudeDesktop: json({ mcpServers: { [serverName]: { command, args, ...withPlaceholders } } }),
    vscode: json({
      ...(inputs.length === 0 ? {} : { inputs }),
      servers: {
        [serverName]: {
          type: 'stdio',
          command,
          args,
          ...env((variable) => (variable.secret ? `\${input:${vscodeInputId(variable.name)}}` : variable.value)),
        },
      },
    }),
    cursor: json({ mcpServers: { [serverName]: { command, args, ...withPlaceholders } } }),
    hasSecrets: secrets.length > 0,
    locateStore: variables.some((variable) => variable.locatesStore),
  };
}

/** A JSON string literal on one line: strings never hold a raw line break. */
const STRING = String.raw`"(?:[^"\\\n]|\\.)*"`;
const STRING_ARRAY = new RegExp(String.raw`\[\n\s+(${STRING}(?:,\n\s+${STRING})*)\n\s*\]`, 'g');

/** Pretty-printed, with arrays of strings (`args`) on one line as the clients' own docs write them. */
function json(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(STRING_ARRAY, (_match, items: string) => `[${items.split(/,\n\s+/).join(', ')}]`);
}
