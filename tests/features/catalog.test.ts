import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/features/catalog.js';
import { templatesRoot } from '../../src/render/templates-root.js';

const OPTIONS = ['upstream', 'auth', 'storage', 'deploy'] as const;
const readme = readFileSync(join(templatesRoot(), '..', 'README.md'), 'utf8');
const ids = (units: readonly { id: string }[]) => units.map((unit) => unit.id);
const quoted = (values: readonly string[]) => values.map((value) => `\`${value}\``).join(', ');

describe('the catalog', () => {
  it.each(OPTIONS)('holds exactly the units whose folders are under templates/%s/', (option) => {
    const folders = readdirSync(join(templatesRoot(), option), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect([...ids(CATALOG[option])].sort()).toEqual(folders.sort());
  });

  it.each(OPTIONS)('finds each %s unit in its own folder', (option) => {
    expect(CATALOG[option].map((unit) => unit.folder)).toEqual(ids(CATALOG[option]).map((id) => `${option}/${id}`));
  });

  it.each(OPTIONS)('gives each %s unit a label that generated TypeScript can quote as it is', (option) => {
    // server_info writes the label into a single-quoted string literal.
    expect(CATALOG[option].filter((unit) => /['\\\n]/.test(unit.label)).map((unit) => unit.id)).toEqual([]);
  });

  it("matches the README's option matrix: each upstream with its auth strategies, the storage backends and deploy targets", () => {
    const rows = CATALOG.upstream.map(
      (unit) => new RegExp(`^\\| \`${unit.id}\` — [^|]+ \\| ${escape(quoted(unit.authStrategies))} \\| ${escape(quoted(ids(CATALOG.storage)))} \\| ${escape(quoted(ids(CATALOG.deploy)))} \\|$`, 'm'),
    );
    for (const row of rows) expect(readme).toMatch(row);
    expect(readme.match(/^\| `[a-z-]+` — /gm)).toHaveLength(CATALOG.upstream.length);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
