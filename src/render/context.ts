import { authFeatures, storageFeatures, upstreamFeatures, verifiesTokens, type FeatureSet } from '../features/index.js';
import { settingsToSet, valuesChosenAtGeneration } from '../features/settings-to-set.js';
import { INSTALL_SCRIPT_PACKAGES, NODE_RUNTIME, VERSIONS } from '../features/versions.js';
import { PACKAGE_MANAGER_COMMANDS } from '../options/package-manager.js';
import { MARKER_FILE, salesforceSettingsSchema, type Marker, type ProjectOptions } from '../options/schema.js';
import { clientConfigs, launchVariables } from './client-configs.js';

/**
 * The data every template sees. Templates render in strict mode, so this shape is the whole
 * contract between the CLI and `templates/`: a template can only name what is built here.
 */
export function templateContext(options: ProjectOptions, features: FeatureSet, generatorVersion: string) {
  /** The package name without its npm scope: a folder, image and client-config name. */
  const shortName = options.projectName.replace(/^@[^/]+\//, '');
  return {
    projectName: options.projectName,
    shortName,
    generatorVersion,
    node: NODE_RUNTIME,
    /** Exact version `npm run inspect` fetches. */
    inspectorVersion: VERSIONS['@modelcontextprotocol/inspector'],
    /** Dependencies whose install scripts package.json approves. */
    installScripts: INSTALL_SCRIPT_PACKAGES,
    /** stdio entries for the README's client sections, carrying what the upstream tools need. */
    clientConfigs: clientConfigs(
      shortName,
      launchVariables(features.envVars, valuesChosenAtGeneration(options)),
    ),
    upstream: { id: options.upstream, displayName: upstreamFeatures[options.upstream].displayName },
    /** Upstream settings chosen at generation time, rendered as configuration defaults. */
    netsuite: { accountId: options.upstream === 'netsuite' ? (options.netsuite.accountId ?? '') : '' },
    salesforce: options.upstream === 'salesforce' ? options.salesforce : salesforceSettingsSchema.parse({}),
    auth: { id: options.auth, displayName: authFeatures[options.auth].displayName, verifiesTokens: verifiesTokens(options.auth) },
    storage: { id: options.storage, displayName: storageFeatures[options.storage].displayName },
    deploy: {
      docker: options.deploy.includes('docker'),
      githubActions: options.deploy.includes('github-actions'),
    },
    packageManager: PACKAGE_MANAGER_COMMANDS[options.packageManager],
    dependencies: features.dependencies,
    devDependencies: features.devDependencies,
    envVars: features.envVars,
    /** What a new user sets in .env first (the README's quick start; the CLI's next steps say the same). */
    localSettings: localSettings(options, features),
    readmeSections: features.readmeSections,
  };
}

function localSettings(options: ProjectOptions, features: FeatureSet) {
  const settings = settingsToSet(options, features);
  const named = (why: (typeof settings)[number]['why']) => settings.filter((setting) => setting.why === why).map((setting) => setting.name).join(', ');
  return { any: settings.length > 0, required: named('required'), forUpstreamTools: named('upstream tools') };
}

export type TemplateContext = ReturnType<typeof templateContext>;

export function markerFile(options: ProjectOptions, generatorVersion: string): [string, Buffer] {
  const marker: Marker = { $schemaVersion: 1, generatorVersion, options };
  return [MARKER_FILE, Buffer.from(`${JSON.stringify(marker, null, 2)}\n`)];
}
