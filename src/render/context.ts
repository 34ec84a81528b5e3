import { settingsToSet, valuesChosenAtGeneration } from '../features/settings-to-set.js';
import type { Selection } from '../features/select.js';
import { GITHUB_ACTIONS, INSTALL_SCRIPT_PACKAGES, NODE_RUNTIME, VERSIONS } from '../features/versions.js';
import { PACKAGE_MANAGER_COMMANDS } from '../options/package-manager.js';
import { MARKER_FILE, type ChosenValues } from '../options/schema.js';
import { clientConfigs, launchVariables } from './client-configs.js';

/**
 * The data every template sees. Templates render in strict mode, so this shape is the whole
 * contract between the CLI and `templates/`: a template can only name what is built here, and
 * builds only from the selected units (never from the catalog).
 */
export function templateContext(options: ChosenValues, selection: Selection, readmeSections: readonly string[], generatorVersion: string) {
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
    clientConfigs: clientConfigs(shortName, launchVariables(selection.envVars, valuesChosenAtGeneration(selection))),
    upstream: {
      id: selection.upstream.id,
      label: selection.upstream.label,
      /** The upstream's own settings chosen at generation, rendered as configuration defaults ('' when left to the environment). */
      settings: renderedSettings(selection),
      /** How the identity provider issues the REST API's tokens, for presets on the rest-api layer. */
      restApi: selection.upstream.restApi,
      /**
       * The settings that point the server at the Keycloak compose runs for signing in locally, where the
       * preset's provider can be one and the server verifies its tokens (empty: compose runs none).
       */
      localKeycloakSettings: Object.entries(localKeycloak(selection) ?? {}).map(([name, value]) => ({ name, value })),
    },
    auth: {
      id: selection.auth.id,
      label: selection.auth.label,
      /** Every auth strategy the catalog offers, by its camelCase id, and whether it is this project's. */
      is: selection.authStrategies,
      verifiesTokens: selection.auth.verifiesTokens,
      signsUsersIn: selection.auth.signsUsersIn === true,
    },
    /** `is`: every storage backend the catalog offers, by its camelCase id, and whether it is this project's. */
    storage: {
      id: selection.storage.id,
      label: selection.storage.label,
      is: selection.storageBackends,
      /** The working-directory folder the backend keeps its data in ('' when it keeps none on local disk). */
      dataDirectory: selection.storage.dataDirectory ?? '',
      /** Every replica reaches the store, so deploy files run several. */
      sharedByReplicas: selection.storage.sharedByReplicas === true,
    },
    /** Every deploy target the catalog offers, by its camelCase id, and whether this project has it. */
    deploy: selection.deployTargets,
    /** The named volumes compose.yaml declares: the store's data where it is on disk, its database's, the local Keycloak's. */
    composeVolumes: composeVolumes(selection),
    /** What the Azure deployment's parameters list: the secrets it reads from Key Vault, the settings that need a value. */
    azure: azureSettings(selection),
    /** Whether any deploy target was chosen (the README's Deploy section). */
    deploying: options.deploy.length > 0,
    /** What a workflow step's `uses:` names for each GitHub Action: the pinned commit, its release in a comment. */
    actions: Object.fromEntries(Object.entries(GITHUB_ACTIONS).map(([key, action]) => [key, `${action.repository}@${action.commit} # ${action.release}`])),
    packageManager: PACKAGE_MANAGER_COMMANDS[options.packageManager],
    dependencies: selection.dependencies,
    devDependencies: selection.devDependencies,
    envVars: selection.envVars,
    /** What a new user sets in .env first (the README's quick start; the CLI's next steps say the same). */
    localSettings: localSettings(selection),
    /** Markdown sections the units contribute, each opening with its own heading. */
    readmeSections,
  };
}

function azureSettings({ envVars, storage }: Selection) {
  return {
    // The required secrets, and the sealing key wherever the store outlives the process (production refuses to start without it).
    secretSettings: envVars.filter((envVar) => envVar.secret && (envVar.required || (envVar.name === 'STORE_SEALING_KEYS' && storage.id !== 'memory'))).map((envVar) => envVar.name),
    // Not the store's location: that is a secret, or main.bicep sets it (Azure Cosmos DB).
    requiredSettings: envVars.filter((envVar) => envVar.required && !envVar.secret && envVar.locatesStore !== true).map((envVar) => envVar.name),
  };
}

/** The Keycloak compose runs for signing in locally: where the preset's provider can be one and the server verifies its tokens. */
function localKeycloak({ auth, upstream }: Selection): Readonly<Record<string, string>> | undefined {
  return auth.verifiesTokens ? upstream.localKeycloak : undefined;
}

function composeVolumes(selection: Selection): string[] {
  const { storage } = selection;
  // The database services compose runs (Cosmos DB is an account elsewhere, memory keeps nothing).
  const databaseVolume: Record<string, string> = { postgres: 'postgres-data', redis: 'redis-data' };
  const volumes = [storage.dataDirectory === undefined ? undefined : 'server-data', databaseVolume[storage.id]];
  if (localKeycloak(selection) !== undefined) volumes.push('keycloak-data');
  return volumes.filter((volume) => volume !== undefined);
}

function renderedSettings({ upstream, upstreamSettings }: Selection): Record<string, string> {
  return Object.fromEntries(Object.keys(upstream.settings).map((key) => [key, upstreamSettings[key] === undefined ? '' : String(upstreamSettings[key])]));
}

function localSettings(selection: Selection) {
  const settings = settingsToSet(selection);
  const named = (why: (typeof settings)[number]['why']) => settings.filter((setting) => setting.why === why).map((setting) => setting.name).join(', ');
  return { any: settings.length > 0, required: named('required'), toSignIn: named('sign-in'), forUpstreamTools: named('upstream tools') };
}

export type TemplateContext = ReturnType<typeof templateContext>;

/** The marker: the options, the generator that made the project, and the digest of the files it wrote. */
export function markerFile(options: ChosenValues, generatorVersion: string, filesDigest: string): [string, Buffer] {
  const marker = { $schemaVersion: 1, generatorVersion, filesDigest, options };
  return [MARKER_FILE, Buffer.from(`${JSON.stringify(marker, null, 2)}\n`)];
}
