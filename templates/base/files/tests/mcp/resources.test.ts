import { ResourceNotFoundError } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';

import { defineResource } from '../../src/mcp/define-resource.js';
import { connectInProcess, ERAS, type InProcessConnection } from '../helpers/in-process-client.js';
import { captureLogs } from '../helpers/logs.js';

const invoices = new Map([['42', { id: '42', total: 99.5 }]]);

const appConfig = defineResource({
  name: 'app-config',
  title: 'Application configuration',
  description: 'Effective settings of the application',
  uri: 'config://app',
  mimeType: 'text/plain',
  read: () => 'region=eu-west-1',
});

const invoice = defineResource({
  name: 'invoice',
  description: 'One invoice by id, as JSON',
  uri: 'invoice://{id}',
  mimeType: 'application/json',
  async read(_uri, { id }) {
    const found = invoices.get(id);
    if (found === undefined) throw new ResourceNotFoundError(`invoice://${id}`);
    return JSON.stringify(found);
  },
});

const report = defineResource({
  name: 'report',
  description: 'A report with a chart',
  uri: 'report://{year}/{month}',
  mimeType: 'text/markdown',
  read: (_uri, { year, month }) => [`# Report ${year}-${month}`, { blob: 'iVBORw0KGgo=', mimeType: 'image/png' }],
});

const crashing = defineResource({
  name: 'crashing',
  description: 'Fails the way a buggy reader would',
  uri: 'crash://now',
  mimeType: 'text/plain',
  read() {
    throw new Error('database password rejected at db.internal:5432');
  },
});

const resources = [appConfig, invoice, report, crashing];

describe.each(ERAS)('resources over the %s protocol era', (era) => {
  let connection: InProcessConnection;
  afterEach(async () => {
    await connection.close();
  });

  it('lists fixed resources and templates separately', async () => {
    connection = await connectInProcess(era, { resources });
    const listed = await connection.client.listResources();
    expect(listed.resources.map((resource) => resource.uri).sort()).toEqual(['config://app', 'crash://now']);
    expect(listed.resources.find((resource) => resource.uri === 'config://app')).toMatchObject({
      name: 'app-config',
      title: 'Application configuration',
      mimeType: 'text/plain',
    });
    const { resourceTemplates } = await connection.client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate).sort()).toEqual(['invoice://{id}', 'report://{year}/{month}']);
  });

  it('reads a fixed resource: a string becomes text in the resource MIME type', async () => {
    connection = await connectInProcess(era, { resources });
    const { contents } = await connection.client.readResource({ uri: 'config://app' });
    expect(contents).toEqual([{ uri: 'config://app', mimeType: 'text/plain', text: 'region=eu-west-1' }]);
  });

  it('reads a template with its variables, and several content items', async () => {
    connection = await connectInProcess(era, { resources });
    expect((await connection.client.readResource({ uri: 'invoice://42' })).contents).toEqual([
      { uri: 'invoice://42', mimeType: 'application/json', text: '{"id":"42","total":99.5}' },
    ]);
    expect((await connection.client.readResource({ uri: 'report://2026/05' })).contents).toEqual([
      { uri: 'report://2026/05', mimeType: 'text/markdown', text: '# Report 2026-05' },
      { uri: 'report://2026/05', mimeType: 'image/png', blob: 'iVBORw0KGgo=' },
    ]);
  });

  it('passes a deliberate protocol error through: a missing record is "not found"', async () => {
    connection = await connectInProcess(era, { resources });
    await expect(connection.client.readResource({ uri: 'invoice://7' })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('invoice://7'),
    });
  });
});

describe('resource error policy', () => {
  it('hides the details of an unexpected failure from the client and logs its stack', async () => {
    const logs = captureLogs();
    const connection = await connectInProcess('modern', { resources, logger: logs.logger });
    try {
      const failure = (await connection.client.readResource({ uri: 'crash://now' }).catch((error: unknown) => error)) as Error & { code: number };
      expect(failure.code).toBe(-32603);
      expect(failure.message).toContain('failed unexpectedly');
      expect(failure.message).not.toContain('db.internal');
      const crash = logs.entries().find((entry) => entry.msg === 'resource read crashed');
      expect(crash).toMatchObject({ resource: 'crashing' });
      expect(JSON.stringify(crash)).toContain('db.internal:5432');
    } finally {
      await connection.close();
    }
  });
});

describe('defineResource', () => {
  const base = { description: 'x', mimeType: 'text/plain', read: () => 'x' };

  it('refuses registration names that are not kebab-case', () => {
    expect(() => defineResource({ ...base, name: 'appConfig', uri: 'config://app' })).toThrow(/kebab-case/);
  });

  it('refuses URI templates beyond level 1 and URIs a client could never match', () => {
    expect(() => defineResource({ ...base, name: 'a', uri: 'files://{+path}', read: () => 'x' })).toThrow(/\{name\}/);
    expect(() => defineResource({ ...base, name: 'a', uri: 'not a uri' })).toThrow(/absolute URI/);
    expect(() => defineResource({ ...base, name: 'a', uri: 'Config://app' })).toThrow(/normalised/);
  });

  it('refuses a MIME type that is not one', () => {
    expect(() => defineResource({ ...base, name: 'a', uri: 'config://app', mimeType: 'json' })).toThrow(/MIME/);
  });
});
