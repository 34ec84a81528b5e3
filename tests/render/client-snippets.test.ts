import { describe, expect, it } from 'vitest';
import { selectUnits } from '../../src/features/select.js';
import { defaultUpstreamChoice, STORAGE_BACKENDS, UPSTREAMS, type ProjectOptions, type StorageBackend, type Upstream } from '../../src/options/schema.js';
import { planProject } from '../../src/render/plan.js';
import { DEFAULT_DEMO_OPTIONS } from '../support/defaults.js';

const CLIENTS = ['Claude Desktop', 'VS Code', 'Cursor'] as const;
type Client = (typeof CLIENTS)[number];

interface StdioEntry {
  type?: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

function optionsFor(upstream: Upstream): ProjectOptions {
  return { ...DEFAULT_DEMO_OPTIONS, ...defaultUpstreamChoice(upstream), auth: 'none' } as ProjectOptions;
}

async function readme(options: ProjectOptions): Promise<string> {
  const tree = await planProject({ options, generatorVersion: '0.0.0-test' });
  return tree.get('README.md')!.toString();
}

/** The first JSON code block of a client's section, parsed: it must be valid JSON to be pasted. */
function firstJsonBlock(markdown: string, client: Client): unknown {
  const section = markdown.split(/^### /m).find((part) => part.startsWith(`${client}\n`));
  const block = section?.match(/```json\n([\s\S]*?)\n```/)?.[1];
  if (block === undefined) throw new Error(`no JSON snippet under "### ${client}"`);
  return JSON.parse(block);
}

function stdioEntry(markdown: string, client: Client): { entry: StdioEntry; config: Record<string, unknown> } {
  const config = firstJsonBlock(markdown, client) as Record<string, Record<string, StdioEntry>>;
  const servers = client === 'VS Code' ? config.servers : config.mcpServers;
  return { entry: servers!.demo!, config };
}

/** The variables the units mark as needed by the upstream's tools. */
function neededByTools(options: ProjectOptions): string[] {
  return selectUnits(options).envVars.filter((envVar) => envVar.neededByUpstreamTools).map((envVar) => envVar.name);
}

/** Which of the upstream's variables are secrets, by the units. */
function secretsOf(options: ProjectOptions): Set<string> {
  return new Set(selectUnits(options).envVars.filter((envVar) => envVar.secret).map((envVar) => envVar.name));
}

describe.each(UPSTREAMS)('client snippets in the README of a %s project', (upstream) => {
  const options = optionsFor(upstream);
  const needed = neededByTools(options);

  it.each(CLIENTS)('%s launches the built server over stdio', async (client) => {
    const { entry } = stdioEntry(await readme(options), client);
    expect(entry.command).toBe('node');
    expect(entry.args).toEqual(['/absolute/path/to/demo/dist/main.js', '--stdio']);
    if (client === 'VS Code') expect(entry.type).toBe('stdio');
  });

  it.each(CLIENTS)('%s passes every variable the upstream tools need, and only those', async (client) => {
    const { entry } = stdioEntry(await readme(options), client);
    expect(Object.keys(entry.env ?? {})).toEqual([...needed]);
  });

});

/** Upstreams whose tools need a secret (a client secret, a private key). */
const UPSTREAMS_WITH_SECRETS = UPSTREAMS.filter((upstream) => neededByTools(optionsFor(upstream)).some((name) => secretsOf(optionsFor(upstream)).has(name)));

describe.each(UPSTREAMS_WITH_SECRETS)('secrets in the client snippets of a %s project', (upstream) => {
  const options = optionsFor(upstream);
  const secrets = neededByTools(options).filter((name) => secretsOf(options).has(name));

  it.each(['Claude Desktop', 'Cursor'] as const)('%s shows them as a placeholder, never as a value', async (client) => {
    const { entry } = stdioEntry(await readme(options), client);
    expect(Object.fromEntries(secrets.map((name) => [name, entry.env?.[name]]))).toEqual(Object.fromEntries(secrets.map((name) => [name, `<${name}>`])));
  });

  it('VS Code asks for each through a password input instead of storing it', async () => {
    const { entry, config } = stdioEntry(await readme(options), 'VS Code');
    const inputs = config.inputs as Array<{ type: string; id: string; password: boolean }>;
    expect(inputs).toHaveLength(secrets.length);
    for (const name of secrets) {
      const reference = entry.env?.[name]?.match(/^\$\{input:([a-z0-9-]+)\}$/)?.[1];
      expect(inputs).toContainEqual(expect.objectContaining({ type: 'promptString', id: reference, password: true }));
    }
  });
});

/** What tells the server where its store is, by backend: a host launching it must pass that as well. */
const STORE_LOCATION: Record<StorageBackend, readonly string[]> = {
  sqlite: [],
  memory: [],
  redis: ['REDIS_URL'],
  postgres: ['DATABASE_URL'],
  cosmos: ['COSMOS_ENDPOINT'],
};

describe.each(STORAGE_BACKENDS)('client snippets of a project on the %s store', (storage) => {
  const options = { ...optionsFor('generic'), storage };

  it.each(CLIENTS)('%s passes where the store is, after what the upstream tools need', async (client) => {
    const { entry } = stdioEntry(await readme(options), client);
    expect(Object.keys(entry.env ?? {})).toEqual([...neededByTools(options), ...STORE_LOCATION[storage]]);
  });

  it.each(['Claude Desktop', 'Cursor'] as const)('%s shows a store location holding credentials as a placeholder', async (client) => {
    const { entry } = stdioEntry(await readme(options), client);
    for (const name of STORE_LOCATION[storage].filter((variable) => secretsOf(options).has(variable))) expect(entry.env?.[name]).toBe(`<${name}>`);
  });
});

describe('client snippet values', () => {
  it('show an upstream setting chosen at generation time instead of the example', async () => {
    const markdown = await readme({ ...DEFAULT_DEMO_OPTIONS, upstream: 'netsuite', netsuite: { accountId: '7654321_SB2' }, auth: 'none' });
    for (const client of CLIENTS) {
      expect(stdioEntry(markdown, client).entry.env?.NETSUITE_ACCOUNT_ID).toBe('7654321_SB2');
    }
  });

  it('show the documented example for a setting that was not chosen', async () => {
    const markdown = await readme(optionsFor('generic'));
    const example = selectUnits(optionsFor('generic')).envVars.find((envVar) => envVar.name === 'UPSTREAM_API_URL')!.example;
    expect(stdioEntry(markdown, 'Claude Desktop').entry.env?.UPSTREAM_API_URL).toBe(example);
  });
});

describe('the variables client snippets name', () => {
  it.each(UPSTREAMS)('include at least one for the %s upstream, whose tools call an API', (upstream) => {
    expect(neededByTools(optionsFor(upstream)).length).toBeGreaterThan(0);
  });
});
