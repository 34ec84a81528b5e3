import { CliError } from '../errors.js';
import { MARKER_FILE, projectOptionsSchema } from '../options/schema.js';
import { filesDigest } from '../render/files-digest.js';
import { planProject } from '../render/plan.js';
import type { FileTree } from '../render/render.js';
import { checkoutGenerator, publishedGenerator, renderWithGenerator } from './generator.js';
import type { RecordedProject } from './upgrade-options.js';

export interface BaseTree {
  tree: FileTree;
  /** Which generator rendered it, for messages. */
  origin: string;
}

/**
 * The project as the generator that made it renders it for its recorded options: the common
 * ancestor of the user's tree and the upgraded one. With `fromDir`, that generator is a local
 * checkout; a project of this very build needs no other generator; any other version is fetched.
 * The render must match the digest the marker recorded: a base from the wrong templates would make
 * every template difference look like the user's edit.
 */
export async function renderBaseTree(recorded: RecordedProject, cliVersion: string, fromDir: string | undefined): Promise<BaseTree> {
  const base = await render(recorded, cliVersion, fromDir);
  if (recorded.filesDigest !== undefined && filesDigest(base.tree, [MARKER_FILE]) !== recorded.filesDigest) {
    throw new CliError(`${base.origin} renders other files than the ones that made this project. Nothing was written.`, {
      hint: fromDir === undefined
        ? `The project was made by another build of create-enterprise-mcp ${recorded.generatorVersion}: pass --from-dir <a built checkout of that build>.`
        : 'Check out the commit of create-enterprise-mcp that made the project in that folder, and run npm ci there.',
    });
  }
  return base;
}

async function render(recorded: RecordedProject, cliVersion: string, fromDir: string | undefined): Promise<BaseTree> {
  if (fromDir !== undefined) {
    const generator = checkoutGenerator(fromDir);
    return { tree: await renderWithGenerator(generator, recorded.options), origin: generator.origin };
  }
  if (recorded.filesDigest === undefined) {
    throw new CliError(`This project was made by a build of create-enterprise-mcp ${recorded.generatorVersion} from before releases recorded what they wrote, which no registry has. Nothing was written.`, {
      hint: 'Render it from a checkout of the build that made it: clone create-enterprise-mcp, check out that commit, run npm ci there, then run upgrade --from-dir <that folder>.',
    });
  }
  if (recorded.generatorVersion === cliVersion) {
    const options = projectOptionsSchema.safeParse(recorded.options);
    if (!options.success) {
      throw new CliError(`The project's recorded options are not ones create-enterprise-mcp ${cliVersion} offers. Nothing was written.`, { hint: 'Restore enterprise-mcp.json from version control.' });
    }
    return { tree: await planProject({ options: options.data, generatorVersion: cliVersion }), origin: `create-enterprise-mcp ${cliVersion}` };
  }
  const generator = await publishedGenerator(recorded.generatorVersion);
  return { tree: await renderWithGenerator(generator, recorded.options), origin: generator.origin };
}
