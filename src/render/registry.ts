/**
 * The generated registries (`src/tools/index.ts`, `src/resources/index.ts`, `src/prompts/index.ts`)
 * are written by the module every project ships as `scripts/registry.ts`, which its `tools:sync`
 * runs. The CLI builds that same file in, so a new project, `add` and a sync write the same bytes,
 * and `add` still works in a project whose copy is older or missing.
 */
export { compareFileNames, REGISTRIES, REGISTRY_FILE, registryCandidates, renderRegistry } from '../../templates/base/files/scripts/registry.js';
