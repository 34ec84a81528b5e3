import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { resolveCreate, type CreateFlags } from '../../src/prompts/resolve.js';
import { scriptedPrompter } from '../support/scripted-prompter.js';
import { TEST_MACHINE } from './machine.js';

const flags: CreateFlags = { directory: 'demo', auth: 'none', storage: 'memory', deploy: [], packageManager: 'npm', install: false, git: false };

function nonInteractive() {
  return { ...TEST_MACHINE, interactive: false, prompter: scriptedPrompter({}), detectedPackageManager: 'npm' as const };
}

function interactive(answers: Record<string, unknown>) {
  const prompter = scriptedPrompter(answers);
  return { prompter, env: { ...TEST_MACHINE, interactive: true, prompter, detectedPackageManager: 'npm' as const } };
}

async function failure(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('upstream settings', () => {
  it('records a NetSuite account ID, normalised to the form NetSuite shows', async () => {
    const { options } = await resolveCreate({ ...flags, upstream: 'netsuite', netsuiteAccountId: '1234567_sb1' }, nonInteractive());
    expect(options).toMatchObject({ upstream: 'netsuite', netsuite: { accountId: '1234567_SB1' } });
  });

  it('leaves the NetSuite account ID to the environment under --yes', async () => {
    const { options } = await resolveCreate({ ...flags, upstream: 'netsuite', yes: true }, nonInteractive());
    expect(options).toMatchObject({ upstream: 'netsuite', netsuite: {} });
  });

  it('refuses an account ID that is not one, naming the flag', async () => {
    const error = await failure(resolveCreate({ ...flags, upstream: 'netsuite', netsuiteAccountId: 'acme.app.netsuite.com' }, nonInteractive()));
    expect(error.message).toMatch(/^--netsuite-account-id: expected a NetSuite account ID/);
  });

  it('records the Salesforce login host and API version', async () => {
    const { options } = await resolveCreate(
      { ...flags, upstream: 'salesforce', salesforceLoginUrl: 'https://acme.my.salesforce.com/', salesforceApiVersion: '65.0' },
      nonInteractive(),
    );
    expect(options).toMatchObject({ upstream: 'salesforce', salesforce: { loginUrl: 'https://acme.my.salesforce.com', apiVersion: '65.0' } });
  });

  it('defaults the Salesforce settings under --yes', async () => {
    const { options } = await resolveCreate({ ...flags, upstream: 'salesforce', yes: true }, nonInteractive());
    expect(options).toMatchObject({ salesforce: { loginUrl: 'https://login.salesforce.com', apiVersion: '66.0' } });
  });

  it('names every bad Salesforce flag at once', async () => {
    const error = await failure(
      resolveCreate({ ...flags, upstream: 'salesforce', salesforceLoginUrl: 'http://acme.my.salesforce.com', salesforceApiVersion: 'v66' }, nonInteractive()),
    );
    expect(error.message.split('\n')).toEqual([expect.stringMatching(/^--salesforce-login-url: /), expect.stringMatching(/^--salesforce-api-version: /)]);
  });

  it('refuses a login URL with a path', async () => {
    const error = await failure(resolveCreate({ ...flags, upstream: 'salesforce', salesforceLoginUrl: 'https://acme.my.salesforce.com/home', yes: true }, nonInteractive()));
    expect(error.message).toMatch(/login host only/);
  });

  it('refuses a setting given for another upstream', async () => {
    const error = await failure(resolveCreate({ ...flags, upstream: 'salesforce', netsuiteAccountId: '1234567', yes: true }, nonInteractive()));
    expect(error.message).toBe('--netsuite-account-id applies only to --upstream netsuite');
  });

  it('lists the missing settings without a terminal', async () => {
    const error = await failure(resolveCreate({ ...flags, upstream: 'salesforce' }, nonInteractive()));
    expect(error.message).toContain('--salesforce-login-url');
    expect(error.message).toContain('--salesforce-api-version');
  });

  it('asks for the settings of the chosen upstream at a terminal, and only those', async () => {
    const { prompter, env } = interactive({ 'NetSuite account ID': '7654321' });
    const { options } = await resolveCreate({ ...flags, upstream: 'netsuite' }, env);
    expect(prompter.asked).toEqual([expect.stringMatching(/^NetSuite account ID/)]);
    expect(options).toMatchObject({ netsuite: { accountId: '7654321' } });
  });

  it('accepts an empty account ID at the prompt, leaving it to the environment', async () => {
    const { env } = interactive({ 'NetSuite account ID': '' });
    const { options } = await resolveCreate({ ...flags, upstream: 'netsuite' }, env);
    expect(options).toMatchObject({ upstream: 'netsuite', netsuite: {} });
  });

  it('asks for the Salesforce My Domain URL and API version at a terminal', async () => {
    const { prompter, env } = interactive({ 'Salesforce My Domain URL': 'https://acme.my.salesforce.com', 'Salesforce REST API version': '65.0' });
    const { options } = await resolveCreate({ ...flags, upstream: 'salesforce' }, env);
    expect(prompter.asked).toEqual([expect.stringMatching(/^Salesforce My Domain URL/), 'Salesforce REST API version']);
    expect(options).toMatchObject({ salesforce: { loginUrl: 'https://acme.my.salesforce.com', apiVersion: '65.0' } });
  });

  it('accepts an empty My Domain URL at the prompt, leaving SALESFORCE_LOGIN_URL to set later', async () => {
    const { env } = interactive({ 'Salesforce My Domain URL': '', 'Salesforce REST API version': '66.0' });
    const { options } = await resolveCreate({ ...flags, upstream: 'salesforce' }, env);
    expect(options).toMatchObject({ salesforce: { loginUrl: 'https://login.salesforce.com' } });
  });

  it('asks nothing extra for an upstream without settings', async () => {
    const { prompter, env } = interactive({});
    await resolveCreate({ ...flags, upstream: 'keycloak', auth: 'jwt' }, env);
    expect(prompter.asked).toEqual([]);
  });
});
