import { readFileSync } from 'node:fs';

/**
 * The generator's own version, recorded in every project it writes. Read from the package being run
 * (dist/ and src/ both sit beside its package.json), not bundled into it: a package's version is what
 * its manifest says, whenever it was built.
 */
export const GENERATOR_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
