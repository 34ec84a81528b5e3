import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';

import { freshStorageEnv } from './helpers/storage-settings.js';
import { toolErrorOf } from './helpers/tool-results.js';

const projectRoot = fileURLToPath(new URL('../', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const serverCommand = { command: process.execPath, args: [tsxCli, 'src/main.ts', '--stdio'] };
/** Verbose logging on purpose: the logs must all land on stderr, never on stdout. */
const serverEnv = { ...process.env, LOG_LEVEL: 'debug', NODE_ENV: 'test', ...freshStorageEnv() } as Record<string, string>;

describe('stdio transport', () => {
  it.each(['legacy', 'modern'] as const)('serves a %s-era client: list and call tools', async (era) => {
    const client = new Client({ name: 'stdio-test-client', version: '1.0.0' }, era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {});
    await client.connect(new StdioClientTransport({ ...serverCommand, cwd: projectRoot, env: serverEnv, stderr: 'ignore' }));
    try {
      expect(client.getProtocolEra()).toBe(era);
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('server_info');
      const result = await client.callTool({ name: 'echo', arguments: { text: 'via stdio' } });
      expect(result.content).toEqual([{ type: 'text', text: 'via stdio' }]);
    } finally {
      await client.close();
    }
  });

  it.each(['legacy', 'modern'] as const)('stops a running tool when a %s-era client cancels it', async (era) => {
    const client = new Client({ name: 'stdio-test-client', version: '1.0.0' }, era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {});
    const transport = new StdioClientTransport({ ...serverCommand, cwd: projectRoot, env: serverEnv, stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await client.connect(transport);
    try {
      const controller = new AbortController();
      const call = client.callTool(
        { name: 'long_task', arguments: { steps: 1_000, stepMs: 20 } },
        { signal: controller.signal, onprogress: () => controller.abort('user clicked stop') },
      );
      await expect(call).rejects.toThrow();
      await expect.poll(() => stderr, { timeout: 10_000 }).toContain('long_task stopped on cancellation');
    } finally {
      await client.close();
    }
  });

  it('answers tool calls over RATE_LIMIT_TOOL_CALLS with a rate_limited tool error', async () => {
    const client = new Client({ name: 'stdio-test-client', version: '1.0.0' });
    const env = { ...serverEnv, RATE_LIMIT_TOOL_CALLS: '1' };
    await client.connect(new StdioClientTransport({ ...serverCommand, cwd: projectRoot, env, stderr: 'ignore' }));
    try {
      // Three calls with an allowance of one: at least two share a window, whatever a durable store counted before.
      const results = [];
      for (let call = 0; call < 3; call++) results.push(await client.callTool({ name: 'echo', arguments: { text: 'again' } }));
      const refused = results.filter((result) => result.isError === true);
      expect(refused.length).toBeGreaterThan(0);
      for (const result of refused) expect(toolErrorOf(result)).toMatchObject({ code: 'rate_limited', tool: 'echo', limit: 1 });
    } finally {
      await client.close();
    }
  });

  it('writes nothing but JSON-RPC messages to stdout, and its logs to stderr', async () => {
    const child = spawn(serverCommand.command, serverCommand.args, { cwd: projectRoot, env: serverEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1.0.0' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo', arguments: { text: 'raw' } } });

    await expect.poll(() => stdout.split('\n').filter(Boolean).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    child.stdin.end();
    expect(await exited).toBe(0);

    const lines = stdout.split('\n').filter(Boolean);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(lines.map((line) => (JSON.parse(line) as { id?: number }).id)).toEqual([1, 2]);
    expect(stderr).toContain('MCP server listening on stdio');
  });
});
