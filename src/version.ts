import packageJson from '../package.json' with { type: 'json' };

/** The generator's own version, recorded in every project it writes. */
export const GENERATOR_VERSION: string = packageJson.version;
