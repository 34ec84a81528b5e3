import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder outside the project for files tests write, made for this run (see tests/helpers/scratch.ts). */
    scratchDirectory: string;
  }
}

/** Runs once before the test files (vitest.config.ts): one scratch folder per run, removed after it. */
export default function setup(project: TestProject): () => void {
  const directory = mkdtempSync(join(tmpdir(), 'mcp-server-tests-'));
  project.provide('scratchDirectory', directory);
  return () => rmSync(directory, { recursive: true, force: true });
}
