import { describe, expect, it } from 'vitest';
import { parseDeployChange, readRecordedProject, upgradedOptions } from '../../src/upgrade/upgrade-options.js';
import { DEFAULT_DEMO_OPTIONS } from '../support/defaults.js';

describe('--deploy for upgrade', () => {
  it('takes a plain list as the whole new list', () => {
    expect(parseDeployChange('docker,kubernetes')).toEqual({ set: ['docker', 'kubernetes'] });
  });

  it('takes none as no deploy files', () => {
    expect(parseDeployChange('none')).toEqual({ set: [] });
  });

  it('takes +target and -target as changes to the recorded list', () => {
    expect(parseDeployChange('+kubernetes,-azure')).toEqual({ add: ['kubernetes'], remove: ['azure'] });
  });

  it('refuses a list that mixes targets and changes', () => {
    expect(() => parseDeployChange('docker,+kubernetes')).toThrow(/mixes a whole list with changes/);
  });

  it('refuses an unknown target, naming the allowed ones', () => {
    expect(() => parseDeployChange('+heroku')).toThrow(/Unknown deploy target heroku\. Allowed: .*kubernetes/);
  });
});

describe('the options an upgrade renders with', () => {
  it('are the recorded ones when nothing changes', () => {
    expect(upgradedOptions(DEFAULT_DEMO_OPTIONS, {})).toEqual(DEFAULT_DEMO_OPTIONS);
  });

  it('add the targets a new deploy target builds on', () => {
    const options = upgradedOptions({ ...DEFAULT_DEMO_OPTIONS, storage: 'postgres', deploy: [] }, { deploy: { add: ['kubernetes'], remove: [] } });
    expect(options.deploy).toEqual(['docker', 'kubernetes']);
  });

  it('refuse an auth strategy the upstream does not allow', () => {
    expect(() => upgradedOptions({ ...DEFAULT_DEMO_OPTIONS, upstream: 'scalekit' }, { auth: 'introspection' })).toThrow(/--auth introspection does not work with --upstream scalekit/);
  });

  it('name a recorded value this generator no longer offers, with the flag to replace it', () => {
    expect(() => upgradedOptions({ ...DEFAULT_DEMO_OPTIONS, storage: 'dynamodb' }, {})).toThrow(/storage "dynamodb": .*choose another with --storage/);
  });
});

describe('reading the marker of a project to upgrade', () => {
  const marker = { $schemaVersion: 1, generatorVersion: '0.1.0', options: { ...DEFAULT_DEMO_OPTIONS, storage: 'dynamodb' } };

  it('keeps options this generator does not know, for the generator that made the project', () => {
    expect(readRecordedProject(marker, 'enterprise-mcp.json').options.storage).toBe('dynamodb');
  });

  it('refuses a marker without options, saying what is missing', () => {
    expect(() => readRecordedProject({ $schemaVersion: 1, generatorVersion: '0.1.0' }, 'enterprise-mcp.json')).toThrow(/options/);
  });
});
