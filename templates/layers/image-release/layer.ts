import type { Layer } from '../../../src/features/unit.js';

/**
 * The container image's release workflow: for projects deployed both as a Docker image and with
 * GitHub Actions, a version tag publishes the image to GitHub's container registry.
 */
export const imageRelease = {
  folder: 'layers/image-release',
  whenDeploying: 'github-actions',
} as const satisfies Layer;
