import { execa } from 'execa';
import { join } from 'node:path';
import { INSPECTOR_ENTRY } from './toolchain.js';

/** What the MCP Inspector's CLI made of one request, from its JSON output. */
export interface InspectorOutcome {
  exitCode: number | undefined;
  /** The server's answer, as the Inspector accepted it. */
  result: { content?: { type: string; text?: string }[]; structuredContent?: unknown; isError?: boolean; tools?: unknown[] } | undefined;
  /** What the Inspector reported instead of (or about) the answer, e.g. a result that failed validation. */
  error: { code: string; message: string } | undefined;
  /** Everything else it printed to stderr (warnings, the server's own logs). */
  stderr: string;
}

export interface InspectorTarget {
  /** The generated project, built (dist/ exists). */
  project: string;
  /** The project's Node binary: it runs both the Inspector (22 or newer) and the server over stdio. */
  node: string;
  env: Record<string, string>;
  /**
   * The server's own settings. The Inspector starts a stdio server with a bare environment (PATH, HOME
   * and the like), as MCP hosts do, so anything else the server needs is passed with `-e`.
   */
  serverEnv: Record<string, string>;
}

/**
 * Runs one request through the MCP Inspector's CLI against the project's server over stdio, the way a
 * user checks a server by hand. The Inspector validates each tool result against the tool's declared
 * output schema, error results included.
 */
export async function inspect(target: InspectorTarget, request: string[]): Promise<InspectorOutcome> {
  const result = await execa(
    target.node,
    // A loaded machine may take a while to start the server: wait for it rather than fail.
    [INSPECTOR_ENTRY, '--cli', ...Object.entries(target.serverEnv).flatMap(([name, value]) => ['-e', `${name}=${value}`]), target.node, 'dist/main.js', '--stdio', ...request, '--connect-timeout', '120000', '--format', 'json', '--quiet'],
    {
      cwd: target.project,
      reject: false,
      stdin: 'ignore',
      extendEnv: false,
      // Its catalog and client settings stay inside the generated project's folder, away from $HOME.
      env: { ...target.env, MCP_CATALOG_PATH: join(target.project, '.inspector', 'mcp.json'), MCP_CLIENT_CONFIG_PATH: join(target.project, '.inspector', 'client.json') },
    },
  );
  const stdout = result.stdout.trim();
  const errorLine = result.stderr.split('\n').reverse().find((line) => line.startsWith('{"error"'));
  return {
    exitCode: result.exitCode,
    result: stdout === '' ? undefined : (JSON.parse(stdout) as { result: InspectorOutcome['result'] }).result,
    error: errorLine === undefined ? undefined : (JSON.parse(errorLine) as { error: InspectorOutcome['error'] }).error,
    stderr: result.stderr,
  };
}

/** A `tools/call` through the Inspector, with arguments passed verbatim as JSON. */
export function inspectToolCall(target: InspectorTarget, name: string, args: Record<string, unknown>): Promise<InspectorOutcome> {
  return inspect(target, ['--method', 'tools/call', '--tool-name', name, '--tool-args-json', JSON.stringify(args)]);
}
