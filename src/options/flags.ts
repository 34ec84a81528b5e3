import { CATALOG, type Catalog } from '../features/catalog.js';
import type { ChosenValues } from './schema.js';

/**
 * The command-line flags that make `create` choose exactly `options`, as a user typing them would:
 * how `upgrade` asks an installed generator (of any version) to render a project again.
 */
export function createFlagsFor(options: ChosenValues, catalog: Catalog = CATALOG): string[] {
  return ['--name', options.projectName, ...choiceFlags(options, catalog), '--package-manager', options.packageManager];
}

/** The flags of what the project is made of: upstream and its settings, auth, storage, deploy targets. */
export function choiceFlags(options: Omit<ChosenValues, 'projectName' | 'packageManager'>, catalog: Catalog = CATALOG): string[] {
  return [
    '--upstream', options.upstream,
    ...upstreamSettingFlags(options, catalog),
    '--auth', options.auth,
    '--storage', options.storage,
    '--deploy', options.deploy.length > 0 ? options.deploy.join(',') : 'none',
  ];
}

/** The flags that carry the chosen upstream's own settings; a setting left unset has none. */
export function upstreamSettingFlags(options: Pick<ChosenValues, 'upstream'>, catalog: Catalog = CATALOG): string[] {
  const unit = catalog.upstream.find((candidate) => candidate.id === options.upstream);
  const values = (options as unknown as Record<string, Record<string, unknown> | undefined>)[options.upstream] ?? {};
  return Object.entries(unit?.settings ?? {}).flatMap(([key, setting]) => (values[key] === undefined ? [] : [setting.flag, String(values[key])]));
}
