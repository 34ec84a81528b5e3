import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInTerminal, terminalUnavailable } from './terminal-session.js';

/**
 * The real CLI at a real terminal: prompts drawn by clack, answered by typing. Waits are for text on
 * the screen, never for time, so a busy machine only makes them slower.
 */
const AT_A_TERMINAL = { timeout: 180_000 };

/** Answers every question but the project and upstream ones, as flags. */
const OTHER_ANSWERS = ['--auth', 'none', '--storage', 'memory', '--deploy', 'none', '--package-manager', 'npm', '--no-install', '--no-git'];
/** Every answer but the project name. */
const ALL_BUT_THE_NAME = ['--upstream', 'generic', ...OTHER_ANSWERS];
/** A Salesforce project in ./crm, asking only for the Salesforce settings. */
const SALESFORCE_SETTINGS_ONLY = ['crm', '--upstream', 'salesforce', ...OTHER_ANSWERS];

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'cem-terminal-'));
});

async function marker(directory: string) {
  return JSON.parse(await readFile(join(cwd, directory, 'enterprise-mcp.json'), 'utf8')).options;
}

describe.skipIf(terminalUnavailable !== undefined)('prompts at a terminal', AT_A_TERMINAL, () => {
  it('replace the suggested project name with what is typed', async () => {
    const session = runInTerminal(ALL_BUT_THE_NAME, { cwd });
    await session.waitFor('Project name');
    session.type('my-server\r');
    const { exitCode, output } = await session.exited;
    expect(exitCode, output).toBe(0);
    expect(await readdir(cwd)).toEqual(['my-server']);
    expect(await marker('my-server')).toMatchObject({ projectName: 'my-server' });
  });

  it('take the suggested project name on Enter', async () => {
    const session = runInTerminal(ALL_BUT_THE_NAME, { cwd });
    await session.waitFor('Project name');
    session.type('\r');
    const { exitCode, output } = await session.exited;
    expect(exitCode, output).toBe(0);
    expect(await marker('enterprise-mcp-server')).toMatchObject({ projectName: 'enterprise-mcp-server' });
  });

  it('replace the Salesforce suggestions with what is typed', async () => {
    const session = runInTerminal(SALESFORCE_SETTINGS_ONLY, { cwd });
    await session.waitFor('Salesforce My Domain URL');
    session.type('https://acme.my.salesforce.com\r');
    await session.waitFor('Salesforce REST API version');
    session.type('65.0\r');
    const { exitCode, output } = await session.exited;
    expect(exitCode, output).toBe(0);
    expect(await marker('crm')).toMatchObject({ salesforce: { loginUrl: 'https://acme.my.salesforce.com', apiVersion: '65.0' } });
  });

  it('leave the My Domain URL for later and take the API version on Enter, naming SALESFORCE_LOGIN_URL in the next steps', async () => {
    const session = runInTerminal(SALESFORCE_SETTINGS_ONLY, { cwd });
    await session.waitFor('Salesforce My Domain URL');
    session.type('\r');
    await session.waitFor('Salesforce REST API version');
    session.type('\r');
    const { exitCode, output } = await session.exited;
    expect(exitCode, output).toBe(0);
    expect(await marker('crm')).toMatchObject({ salesforce: { loginUrl: 'https://login.salesforce.com', apiVersion: '66.0' } });
    expect(output).toMatch(/SALESFORCE_LOGIN_URL +needed by the upstream tools/);
  });

  it('are not shown when the directory given is not empty: that is reported first', async () => {
    await mkdir(join(cwd, 'taken'));
    await writeFile(join(cwd, 'taken/keep.txt'), 'keep');
    const session = runInTerminal(['taken'], { cwd });
    await session.waitFor('taken is not empty');
    const { exitCode, output } = await session.exited;
    expect(exitCode).toBe(1);
    expect(output).not.toContain('Which upstream');
  });
});

describe.skipIf(terminalUnavailable !== undefined)('Ctrl-C during the dependency install', AT_A_TERMINAL, () => {
  /** A registry that accepts connections and never answers: the install waits until it is stopped. */
  let registry: Server;
  const connections = new Set<Socket>();
  beforeEach(async () => {
    registry = createServer((socket) => {
      connections.add(socket);
      socket.on('close', () => connections.delete(socket));
    });
    await new Promise<void>((listening) => registry.listen(0, '127.0.0.1', listening));
  });
  afterEach(async () => {
    for (const socket of connections) socket.destroy();
    await new Promise((closed) => registry.close(closed));
  });

  it('exits 130, keeps the project and prints the commands that finish it', async () => {
    const { port } = registry.address() as { port: number };
    const cache = await mkdtemp(join(tmpdir(), 'cem-empty-cache-'));
    const session = runInTerminal(['demo', '--yes', '--git'], {
      cwd,
      env: { npm_config_registry: `http://127.0.0.1:${port}/`, npm_config_cache: cache, npm_config_fetch_retries: '0' },
    });
    await session.waitFor('Installing dependencies with npm');
    session.type('\x03');
    const { exitCode, output } = await session.exited;
    expect(exitCode, output).toBe(130);
    expect(output).toContain('Interrupted. The project is in demo, but dependencies are not installed and git is not initialised.');
    expect(output).toMatch(/To finish:\s+cd demo\s+npm install\s+git init/);
    expect(existsSync(join(cwd, 'demo/package.json'))).toBe(true);
    expect(existsSync(join(cwd, 'demo/.git'))).toBe(false);
  });
});
