import { describe, expect, it } from 'vitest';
import { markerSchema, projectOptionsSchema } from '../../src/options/schema.js';

const options = {
  projectName: 'demo',
  upstream: 'generic',
  auth: 'none',
  storage: 'memory',
  deploy: ['github-actions', 'docker', 'docker'],
  packageManager: 'npm',
};

describe('project options schema', () => {
  it('stores deploy targets once each, in a stable order', () => {
    expect(projectOptionsSchema.parse(options).deploy).toEqual(['docker', 'github-actions']);
  });

  it('adds the targets a chosen one builds on: compose runs the image the docker target builds', () => {
    expect(projectOptionsSchema.parse({ ...options, deploy: ['compose'] }).deploy).toEqual(['compose', 'docker']);
  });

  it('rejects a value that is not offered', () => {
    expect(projectOptionsSchema.safeParse({ ...options, storage: 'mongodb' }).success).toBe(false);
  });

  it('reads back a marker it wrote', () => {
    const marker = { $schemaVersion: 1, generatorVersion: '0.1.0', options: projectOptionsSchema.parse(options) };
    expect(markerSchema.parse(JSON.parse(JSON.stringify(marker)))).toEqual(marker);
  });

  it('keeps the settings that belong to the chosen upstream', () => {
    const netsuite = projectOptionsSchema.parse({ ...options, upstream: 'netsuite', netsuite: { accountId: '123456_sb1' } });
    expect(netsuite).toMatchObject({ upstream: 'netsuite', netsuite: { accountId: '123456_SB1' } });
  });

  it("rejects another upstream's settings", () => {
    expect(projectOptionsSchema.safeParse({ ...options, netsuite: { accountId: '123456' } }).success).toBe(false);
    expect(projectOptionsSchema.safeParse({ ...options, upstream: 'netsuite', salesforce: {} }).success).toBe(false);
  });

  it('requires the settings object of an upstream that has settings', () => {
    expect(projectOptionsSchema.safeParse({ ...options, upstream: 'salesforce' }).success).toBe(false);
  });

  it('rejects a marker without options', () => {
    expect(markerSchema.safeParse({ $schemaVersion: 1, generatorVersion: '0.1.0' }).success).toBe(false);
  });
});
