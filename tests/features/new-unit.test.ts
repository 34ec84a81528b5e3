import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { CATALOG, type Catalog } from '../../src/features/catalog.js';
import { projectOptionsSchemaOf } from '../../src/options/schema.js';
import { planProject } from '../../src/render/plan.js';
import acmeErp from '../fixtures/units/upstream/acme-erp/unit.js';

/** The CLI's own catalog with one more upstream, registered the way a new value is: its unit in the list. */
const catalog: Catalog = { ...CATALOG, upstream: [...CATALOG.upstream, acmeErp] };
const options = {
  projectName: 'acme-mcp',
  upstream: 'acme-erp',
  'acme-erp': { tenant: 'north' },
  auth: 'jwt',
  storage: 'memory',
  deploy: [],
  packageManager: 'npm',
};

describe('a new option value, registered as a unit', () => {
  it('gets its choice and its setting flag in --help', () => {
    // Commander wraps long descriptions: compare the words, not the line breaks.
    const help = buildProgram(catalog).helpInformation().replace(/\s+/g, ' ');
    expect(help).toContain('acme-erp (the generic preset, for one Acme tenant)');
    expect(help).toContain('--acme-erp-tenant <name>');
  });

  it('is accepted by the options schema with its own setting, and its setting is validated', () => {
    const schema = projectOptionsSchemaOf(catalog);
    expect(schema.parse(options)).toEqual(options);
    expect(schema.safeParse({ ...options, 'acme-erp': { tenant: 'North!' } }).error?.issues[0]?.message).toBe('expected a lowercase tenant name such as north');
  });

  it('renders a project from its own folder on top of the layers it builds on', async () => {
    const tree = await planProject({ options: projectOptionsSchemaOf(catalog).parse(options), catalog, generatorVersion: '0.0.0-test' });
    const text = (path: string) => tree.get(path)?.toString('utf8') ?? '';
    expect(text('src/upstream/acme-tenant.ts')).toContain("export const ACME_TENANT = 'north';");
    expect(tree.has('src/upstream/rest-api-issuer.ts')).toBe(true);
    expect(text('README.md')).toContain('| Upstream | Acme ERP (`acme-erp`) |');
    expect(text('README.md')).toContain('## Upstream: Acme ERP (`acme-erp`)');
    expect(text('.env.example')).toMatch(/^#? ?ACME_TENANT=/m);
    expect(JSON.parse(text('enterprise-mcp.json')).options['acme-erp']).toEqual({ tenant: 'north' });
  });
});
